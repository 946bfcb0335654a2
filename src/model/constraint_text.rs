//! A task's date constraint as one short text, as the task grid's Constraint cell shows
//! and takes it: MS Project's abbreviation and an ISO date, `SNET 2027-02-03`,
//! `MFO 2027-03-05`; empty (or `ASAP`) for none. A date alone means start no earlier
//! than, as the column it replaces took it.

use super::dates::{format_iso_date, parse_iso_date};
use super::text::quoted;
use super::{ConstraintKind, DateConstraint};

/// MS Project's abbreviation of a constraint kind: `SNET`, `MFO`.
pub fn abbreviation(kind: ConstraintKind) -> &'static str {
    match kind {
        ConstraintKind::StartNoEarlierThan => "SNET",
        ConstraintKind::StartNoLaterThan => "SNLT",
        ConstraintKind::FinishNoEarlierThan => "FNET",
        ConstraintKind::FinishNoLaterThan => "FNLT",
        ConstraintKind::MustStartOn => "MSO",
        ConstraintKind::MustFinishOn => "MFO",
    }
}

/// "Start no earlier than": a kind's name for a menu.
pub fn kind_name(kind: ConstraintKind) -> &'static str {
    match kind {
        ConstraintKind::StartNoEarlierThan => "Start no earlier than",
        ConstraintKind::StartNoLaterThan => "Start no later than",
        ConstraintKind::FinishNoEarlierThan => "Finish no earlier than",
        ConstraintKind::FinishNoLaterThan => "Finish no later than",
        ConstraintKind::MustStartOn => "Must start on",
        ConstraintKind::MustFinishOn => "Must finish on",
    }
}

/// `SNET 2027-02-03`, or empty for none (as soon as possible).
pub fn constraint_text(constraint: Option<DateConstraint>) -> String {
    constraint
        .map(|constraint| format!("{} {}", abbreviation(constraint.kind), format_iso_date(constraint.date)))
        .unwrap_or_default()
}

/// Reads a constraint typed as `constraint_text` writes it, without regard to case or
/// spacing; a date alone is start-no-earlier-than; empty or `ASAP` is none.
pub fn parse_constraint(text: &str) -> Result<Option<DateConstraint>, String> {
    let text = text.trim();
    if text.is_empty() || text.eq_ignore_ascii_case("ASAP") {
        return Ok(None);
    }
    let letters = text.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(text.len());
    let (word, date) = text.split_at(letters);
    let kind = if word.is_empty() {
        ConstraintKind::StartNoEarlierThan
    } else {
        ConstraintKind::ALL.into_iter().find(|kind| abbreviation(*kind).eq_ignore_ascii_case(word)).ok_or_else(|| {
            format!(
                "{} is not a constraint: write ASAP, or SNET, SNLT, FNET, FNLT, MSO or MFO and a date, such as SNET 2027-02-03",
                quoted(word)
            )
        })?
    };
    let date = date.trim();
    if date.is_empty() {
        let word = word.to_ascii_uppercase();
        return Err(format!("{word} needs a date in the form YYYY-MM-DD, such as {word} 2027-02-03"));
    }
    Ok(Some(DateConstraint { kind, date: parse_iso_date(date)? }))
}
