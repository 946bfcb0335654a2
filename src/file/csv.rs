//! CSV as RFC 4180 writes it, made safe to open in a spreadsheet. Every CSV export
//! (the RACI matrix, the risk register, ...) writes its fields through `csv_field`
//! and its records through `csv_row`, so quoting and the formula guard live in one
//! place.

/// Characters a spreadsheet may read as the start of a formula (or that it strips
/// before looking for one): a field starting with one is prefixed with `'`, which
/// spreadsheets show as text. Guards against CSV formula injection (a task named
/// `=HYPERLINK(...)` must not run when the export is opened).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// One field: guarded against formula injection, then quoted when it holds a comma,
/// a double quote, a carriage return or a line feed (quotes inside are doubled).
pub fn csv_field(text: &str) -> String {
    let guarded = if text.starts_with(FORMULA_STARTS) { format!("'{text}") } else { text.to_string() };
    if guarded.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// One record: the fields, each through `csv_field`, joined by commas and ended by
/// CRLF, as RFC 4180 has it.
pub fn csv_row<S: AsRef<str>>(fields: impl IntoIterator<Item = S>) -> String {
    let mut row = fields.into_iter().map(|field| csv_field(field.as_ref())).collect::<Vec<_>>().join(",");
    row.push_str("\r\n");
    row
}

/// A field holding a number as Planwright writes one (`format_amount`'s "-1,234.50", a
/// ratio's "0.93"): quoted for its thousands commas, and not guarded, since a minus sign
/// followed only by digits, commas and one decimal point starts no formula. Any other
/// text goes through `csv_field`.
pub fn csv_number_field(text: &str) -> String {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let is_number = whole.starts_with(|c: char| c.is_ascii_digit())
        && whole.chars().all(|c| c.is_ascii_digit() || c == ',')
        && fraction.chars().all(|c| c.is_ascii_digit());
    match (is_number, text.contains(',')) {
        (true, true) => format!("\"{text}\""),
        (true, false) => text.to_string(),
        (false, _) => csv_field(text),
    }
}

/// One record of fields already written by `csv_field` or `csv_number_field`, joined by
/// commas and ended by CRLF.
pub fn csv_record(fields: impl IntoIterator<Item = String>) -> String {
    let mut row = fields.into_iter().collect::<Vec<_>>().join(",");
    row.push_str("\r\n");
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_left_alone() {
        assert_eq!(csv_field("API design"), "API design");
        assert_eq!(csv_field(""), "");
        assert_eq!(csv_field("Åkesson 😀"), "Åkesson 😀");
    }

    #[test]
    fn commas_quotes_and_line_breaks_are_quoted() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("one\ntwo"), "\"one\ntwo\"");
        assert_eq!(csv_field("one\r\ntwo"), "\"one\r\ntwo\"");
    }

    #[test]
    fn formula_starts_are_prefixed_with_a_quote() {
        assert_eq!(csv_field("=1+1"), "'=1+1");
        assert_eq!(csv_field("+1"), "'+1");
        assert_eq!(csv_field("-1"), "'-1");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("\tx"), "'\tx");
        assert_eq!(csv_field("\rx"), "\"'\rx\"");
        assert_eq!(csv_field("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        assert_eq!(csv_field("a=b"), "a=b", "only the first character matters");
    }

    #[test]
    fn numbers_are_quoted_for_their_commas_and_never_guarded() {
        assert_eq!(csv_number_field("1,234.50"), "\"1,234.50\"");
        assert_eq!(csv_number_field("-80.00"), "-80.00");
        assert_eq!(csv_number_field("-1,500"), "\"-1,500\"");
        assert_eq!(csv_number_field("0.93"), "0.93");
        assert_eq!(csv_number_field("-1+1"), "'-1+1", "not a number: guarded as text");
        assert_eq!(csv_number_field("-"), "'-");
        assert_eq!(csv_number_field("=1"), "'=1");
        assert_eq!(csv_record(["a".to_string(), csv_number_field("1,000")]), "a,\"1,000\"\r\n");
    }

    #[test]
    fn a_row_joins_fields_with_commas_and_ends_with_crlf() {
        assert_eq!(csv_row(["a", "b,c", ""]), "a,\"b,c\",\r\n");
        assert_eq!(csv_row(Vec::<String>::new()), "\r\n");
    }
}
