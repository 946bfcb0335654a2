//! Text from a plan quoted in messages.

/// How many characters of a value a message repeats before it cuts the value short.
const QUOTED_CHARS: usize = 40;

/// `text` in double quotes for a message, cut short when it is long, so that a
/// ten-million-character value gives a message of a line: `"abc…" (12,345 characters)`.
pub fn quoted(text: &str) -> String {
    let length = text.chars().count();
    if length <= QUOTED_CHARS {
        return format!("\"{text}\"");
    }
    let start: String = text.chars().take(QUOTED_CHARS).collect();
    format!("\"{start}…\" ({} characters)", thousands(length))
}

/// `12345` as `12,345`.
fn thousands(number: usize) -> String {
    let digits = number.to_string();
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_value_is_quoted_cut_short_with_its_length() {
        assert_eq!(quoted("T12"), "\"T12\"");
        let long = "x".repeat(10_000_000);
        let message = quoted(&long);
        assert!(message.len() < 80, "{message}");
        assert!(message.ends_with("…\" (10,000,000 characters)"), "{message}");
    }
}
