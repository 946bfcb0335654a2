//! MS Project's predecessor form, as a spreadsheet column holds it: `3`, `3FS`,
//! `5SS+2d`, `7FF-1 day`, `PROJ-12FS+1w`, several separated by commas or semicolons.
//! A lag comes only after a link type, as MS Project writes it, so an id with a dash
//! (`PROJ-12`) is never read as a lag. (src/model may get a parser of this form too;
//! the two are to be unified.)

use crate::model::DependencyKind;

/// One predecessor of a cell: the id it names, the link type and the lag in working
/// days, with the exact value when the lag was not whole days.
#[derive(Clone, Debug, PartialEq)]
pub struct PredecessorRef {
    pub id: String,
    pub kind: DependencyKind,
    pub lag: i32,
    pub rounded_from: Option<f64>,
}

/// Every predecessor of a cell, or the part that could not be read.
pub fn parse_predecessors(cell: &str) -> Result<Vec<PredecessorRef>, String> {
    cell.split([',', ';']).map(str::trim).filter(|part| !part.is_empty()).map(parse_one).collect()
}

fn parse_one(text: &str) -> Result<PredecessorRef, String> {
    let upper = text.to_ascii_uppercase();
    for kind in DependencyKind::ALL {
        let Some(at) = find_kind(&upper, kind.label()) else { continue };
        let id = text[..at].trim();
        let lag_text = text[at + 2..].trim();
        if id.is_empty() {
            return Err(format!("\"{text}\" names no task before {}", kind.label()));
        }
        let (lag, rounded_from) = if lag_text.is_empty() { (0, None) } else { parse_lag(lag_text, text)? };
        return Ok(PredecessorRef { id: id.to_string(), kind, lag, rounded_from });
    }
    Ok(PredecessorRef { id: text.to_string(), kind: DependencyKind::FS, lag: 0, rounded_from: None })
}

/// Where the link type stands: at the end, or before a signed lag.
fn find_kind(upper: &str, label: &str) -> Option<usize> {
    let at = upper.rfind(label)?;
    let rest = upper[at + label.len()..].trim_start();
    (rest.is_empty() || rest.starts_with(['+', '-'])).then_some(at)
}

/// `+2d`, `-1 day`, `+1w`, `+4h`, `+3ed` (elapsed days, five in seven counted).
fn parse_lag(text: &str, whole: &str) -> Result<(i32, Option<f64>), String> {
    let number_end =
        text[1..].find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ' ')).map_or(text.len(), |at| at + 1);
    let number: f64 = text[..number_end].replace(' ', "").parse().map_err(|_| lag_error(whole))?;
    let unit = text[number_end..].trim().to_ascii_lowercase();
    let days = number
        * match unit.as_str() {
            "" | "d" | "day" | "days" => 1.0,
            "w" | "wk" | "wks" | "week" | "weeks" => 5.0,
            "h" | "hr" | "hrs" | "hour" | "hours" => 1.0 / 8.0,
            "ed" | "eday" | "edays" => 5.0 / 7.0,
            _ => return Err(lag_error(whole)),
        };
    let whole_days = days.round();
    let rounded_from = ((days - whole_days).abs() > 1e-6).then_some(days);
    Ok((whole_days as i32, rounded_from))
}

fn lag_error(whole: &str) -> String {
    format!("\"{whole}\" has a lag that is not a number of days, weeks or hours (write it as 3FS+2d)")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> (String, DependencyKind, i32) {
        let parsed = parse_predecessors(text).unwrap().remove(0);
        (parsed.id, parsed.kind, parsed.lag)
    }

    #[test]
    fn ms_projects_forms_read_as_links() {
        assert_eq!(one("3"), ("3".into(), DependencyKind::FS, 0));
        assert_eq!(one("3FS+2d"), ("3".into(), DependencyKind::FS, 2));
        assert_eq!(one("5ss"), ("5".into(), DependencyKind::SS, 0));
        assert_eq!(one("7FF-1 day"), ("7".into(), DependencyKind::FF, -1));
        assert_eq!(one("8SF+1w"), ("8".into(), DependencyKind::SF, 5));
        assert_eq!(one("PROJ-12"), ("PROJ-12".into(), DependencyKind::FS, 0));
        assert_eq!(one("PROJ-12SS+2"), ("PROJ-12".into(), DependencyKind::SS, 2));
        assert_eq!(parse_predecessors("3, 4FS+1d; 5").unwrap().len(), 3);
    }

    #[test]
    fn hour_lags_are_rounded_and_say_so_and_bad_lags_are_refused() {
        let parsed = parse_predecessors("3FS+4h").unwrap().remove(0);
        assert_eq!((parsed.lag, parsed.rounded_from), (1, Some(0.5)));
        assert!(parse_predecessors("3FS+soon").unwrap_err().contains("3FS+soon"));
        assert!(parse_predecessors("FS+2").unwrap_err().contains("names no task"));
    }
}
