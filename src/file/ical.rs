//! The plan's dates as an iCalendar file (RFC 5545), to subscribe to or import into a
//! calendar: every milestone as an all-day event on its forecast date, and every open
//! risk's review date as an all-day event.
//!
//! The text is what RFC 5545 asks for: CRLF line ends, lines folded at 75 octets
//! (never inside a UTF-8 character), TEXT values with `\`, `;`, `,` and line breaks
//! escaped. Output is deterministic: the same plan and `now` give the same bytes (the
//! caller passes `now`, the DTSTAMP, rather than this module reading a clock), so a
//! calendar re-imported after a change updates its events instead of duplicating
//! them: each event's UID is stable, from the task or risk id and the plan
//! (`plan_calendar_key`).

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

use crate::model::outline::outline;
use crate::model::risk::RiskBand;
use crate::model::{Plan, TaskKind};
use crate::schedule::Schedule;

/// The longest line, in octets, before it is folded (RFC 5545, 3.1).
pub const MAX_LINE_OCTETS: usize = 75;

/// The plan's milestones and risk reviews as an iCalendar file. `schedule` must be the
/// schedule of this same plan; `now` (UTC) is written as every event's DTSTAMP.
/// Milestones come in outline order, then the open risks with a review date in plan
/// order.
pub fn calendar_ics(plan: &Plan, schedule: &Schedule, now: NaiveDateTime) -> String {
    let key = plan_calendar_key(plan);
    let stamp = format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        now.year(),
        now.month(),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    );
    let mut text = String::new();
    for line in ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Planwright//Planwright//EN", "CALSCALE:GREGORIAN"] {
        push_line(&mut text, line);
    }
    push_line(&mut text, "METHOD:PUBLISH");
    push_line(&mut text, &format!("X-WR-CALNAME:{}", ical_text(&plan.name)));

    for row in outline(plan) {
        let index = row.index;
        let task = &plan.tasks[index];
        if task.kind != TaskKind::Milestone || row.has_children {
            continue;
        }
        let times = &schedule.tasks[index];
        let date = schedule.start_date(index);
        let mut description = vec![format!("Milestone {} of {}, forecast for {date}.", task.id, plan.name)];
        if let Some(deadline) = task.deadline {
            let missed = if times.deadline_missed { " (the forecast misses it)" } else { "" };
            description.push(format!("Deadline: {deadline}{missed}."));
        }
        if times.critical {
            description.push("On the critical path.".to_string());
        }
        if times.progress >= 100.0 {
            description.push("Done.".to_string());
        }
        if !task.notes.is_empty() {
            description.push(task.notes.clone());
        }
        push_event(
            &mut text,
            Event {
                uid: format!("milestone-{}.{key}@planwright", task.id),
                stamp: &stamp,
                date,
                summary: format!("Milestone: {}", task.name),
                description: description.join("\n"),
                category: "Milestone",
            },
        );
    }

    for risk in plan.risks.iter().filter(|risk| risk.status.is_open()) {
        let Some(date) = risk.review_date else { continue };
        let band = RiskBand::of(risk);
        let mut description = vec![format!(
            "Risk {} of {}: score {} ({}), probability {}, impact {}, {}.",
            risk.id,
            plan.name,
            risk.score(),
            band.label(),
            risk.probability,
            risk.impact,
            risk.status.label()
        )];
        if let Some(owner) = risk.owner.as_ref().and_then(|owner| plan.person(owner.as_str())) {
            description.push(format!("Owner: {}.", owner.name));
        }
        if !risk.linked_tasks.is_empty() {
            let tasks: Vec<&str> = risk.linked_tasks.iter().map(|task| task.as_str()).collect();
            description.push(format!("Threatens {}.", tasks.join(", ")));
        }
        if !risk.mitigation.is_empty() {
            description.push(format!("Mitigation: {}", risk.mitigation));
        }
        push_event(
            &mut text,
            Event {
                uid: format!("risk-review-{}.{key}@planwright", risk.id),
                stamp: &stamp,
                date,
                summary: format!("Risk review: {} {}", risk.id, risk.title),
                description: description.join("\n"),
                category: "Risk review",
            },
        );
    }
    push_line(&mut text, "END:VCALENDAR");
    text
}

/// What identifies the plan in its events' UIDs: its name in lower-case ASCII letters
/// and digits (others as `-`, at most 32), and a hash of its name and start date (so
/// names that differ only outside ASCII still differ). A plan file has no other lasting
/// identity, so renaming the plan or moving its start gives its events new UIDs.
pub fn plan_calendar_key(plan: &Plan) -> String {
    let mut slug = String::new();
    for character in plan.name.chars() {
        if slug.len() >= 32 {
            break;
        }
        if character.is_ascii_alphanumeric() {
            slug.push(character.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    // FNV-1a: small, and the same on every platform and compiler version.
    let mut hash: u32 = 0x811c_9dc5;
    for byte in plan.name.bytes().chain([0]).chain(plan.start.to_string().bytes()) {
        hash = (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193);
    }
    format!("{}-{hash:08x}", if slug.is_empty() { "plan" } else { slug })
}

struct Event<'a> {
    uid: String,
    stamp: &'a str,
    date: NaiveDate,
    summary: String,
    description: String,
    category: &'a str,
}

fn push_event(text: &mut String, event: Event) {
    push_line(text, "BEGIN:VEVENT");
    push_line(text, &format!("UID:{}", ical_text(&event.uid)));
    push_line(text, &format!("DTSTAMP:{}", event.stamp));
    push_line(text, &format!("DTSTART;VALUE=DATE:{}", ical_date(event.date)));
    let next_day = event.date.succ_opt().unwrap_or(event.date);
    push_line(text, &format!("DTEND;VALUE=DATE:{}", ical_date(next_day)));
    push_line(text, &format!("SUMMARY:{}", ical_text(&event.summary)));
    push_line(text, &format!("DESCRIPTION:{}", ical_text(&event.description)));
    push_line(text, &format!("CATEGORIES:{}", ical_text(event.category)));
    // All-day markers, not busy time.
    push_line(text, "TRANSP:TRANSPARENT");
    push_line(text, "END:VEVENT");
}

fn ical_date(date: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

/// A TEXT value (RFC 5545, 3.3.11): `\` `;` `,` escaped with a backslash, line breaks
/// (CRLF, CR or LF) as `\n`, other control characters (which TEXT may not hold) as
/// spaces; tabs stay.
pub fn ical_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let mut characters = text.chars().peekable();
    while let Some(character) = characters.next() {
        match character {
            '\\' => escaped.push_str("\\\\"),
            ';' => escaped.push_str("\\;"),
            ',' => escaped.push_str("\\,"),
            '\r' => {
                characters.next_if_eq(&'\n');
                escaped.push_str("\\n");
            }
            '\n' => escaped.push_str("\\n"),
            '\t' => escaped.push('\t'),
            character if character.is_control() => escaped.push(' '),
            character => escaped.push(character),
        }
    }
    escaped
}

/// Appends one content line, folded (RFC 5545, 3.1): no line longer than 75 octets
/// without its CRLF; each continuation starts with a space, which counts. A line is
/// only ever broken between characters, never inside a UTF-8 sequence.
pub fn push_line(text: &mut String, line: &str) {
    let mut octets = 0;
    for character in line.chars() {
        let length = character.len_utf8();
        if octets + length > MAX_LINE_OCTETS {
            text.push_str("\r\n ");
            octets = 1;
        }
        text.push(character);
        octets += length;
    }
    text.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_values_escape_backslash_semicolon_comma_and_line_breaks() {
        assert_eq!(ical_text("a\\b;c,d\ne\r\nf\rg"), "a\\\\b\\;c\\,d\\ne\\nf\\ng");
        assert_eq!(ical_text("bell\u{7}tab\t"), "bell tab\t");
    }

    #[test]
    fn a_line_of_75_octets_stays_whole_and_one_more_folds() {
        let mut text = String::new();
        push_line(&mut text, &"a".repeat(75));
        assert_eq!(text, format!("{}\r\n", "a".repeat(75)));
        let mut text = String::new();
        push_line(&mut text, &"a".repeat(76));
        assert_eq!(text, format!("{}\r\n a\r\n", "a".repeat(75)));
    }

    #[test]
    fn folding_never_splits_a_character() {
        let mut text = String::new();
        // 74 octets, then a 4-octet character that does not fit.
        push_line(&mut text, &format!("{}😀", "a".repeat(74)));
        assert_eq!(text, format!("{}\r\n 😀\r\n", "a".repeat(74)));
    }
}
