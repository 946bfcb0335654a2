//! The timeline as Mermaid gantt text, to paste into a GitHub README or a wiki
//! (inside a ```` ```mermaid ```` block).
//!
//! - Each top-level workstream (a top-level task with subtasks) is a `section`; other
//!   top-level tasks are gathered under a section "Top-level tasks". Deeper summaries
//!   are bars of their own, spanning their subtasks.
//! - Each task is `name :tags, id, start, duration`: tags `crit` (on the critical
//!   path), `done` (100%) or `active` (started), `milestone`; the id is the task's id
//!   (see `mermaid_ids`); the duration is in working days (`8d`), which Mermaid counts
//!   the same way because the calendar's non-working weekdays and holidays are given
//!   as `excludes`.
//! - A task whose links are all finish-to-start without lag, from tasks listed before
//!   it, starts `after` them when that is where the schedule puts it. Mermaid has no
//!   other link types and no lag, so any other task starts on its computed date, and a
//!   `%%` comment line above it says which links it stands for and why. So is a
//!   milestone at the end of its predecessors' last day (Mermaid's `after` is the start
//!   of the next working day), and a task after such a milestone (Mermaid's `after` a
//!   milestone is the milestone's own day).
//! - Names go through `mermaid_text`: characters that end a Mermaid field or line
//!   (`:`, `#`, `;`, line breaks) are replaced, and a name that Mermaid would read as a
//!   keyword, a date or a comment is guarded.

use chrono::{NaiveDate, Weekday};

use crate::model::outline::outline;
use crate::model::{Dependency, DependencyKind, Plan, WEEKDAY_NAMES};
use crate::schedule::Schedule;

/// The section of top-level tasks that are not workstreams.
const TOP_LEVEL_SECTION: &str = "Top-level tasks";

/// Words Mermaid's gantt lexer reads as the start of a statement (case-insensitively)
/// before it considers a line a task, when white space (or `{`) or the end of the line
/// follows them: the keywords of its grammar, and those of newer versions.
const KEYWORDS: [&str; 19] = [
    "dateformat",
    "axisformat",
    "tickinterval",
    "includes",
    "excludes",
    "todaymarker",
    "weekday",
    "weekend",
    "title",
    "accdescription",
    "acctitle",
    "accdescr",
    "section",
    "click",
    "href",
    "call",
    "displaymode",
    "gantt",
    "inclusiveenddates",
];

/// Keywords Mermaid's lexer takes whatever follows them: "Gantt review" is the keyword
/// `gantt` and then an error.
const KEYWORDS_WITHOUT_DELIMITER: [&str; 3] = ["gantt", "inclusiveenddates", "topaxis"];

/// Tags Mermaid takes from the start of a task's data; an id equal to one would be read
/// as a tag.
const TAGS: [&str; 5] = ["active", "done", "crit", "milestone", "vert"];

/// An invisible character put before a name that Mermaid would otherwise misread: it
/// is not white space to Mermaid's lexer, so the line is then a task.
const GUARD: char = '\u{200B}';

/// The plan's timeline as a Mermaid gantt chart. `schedule` must be the schedule of
/// this same plan (`schedule::compute(plan)`).
pub fn mermaid_gantt(plan: &Plan, schedule: &Schedule) -> String {
    let rows = outline(plan);
    let ids = mermaid_ids(plan);
    let is_section: Vec<bool> = {
        let mut is_section = vec![false; plan.tasks.len()];
        for row in &rows {
            is_section[row.index] = row.depth == 0 && row.has_children;
        }
        is_section
    };
    let mut position = vec![0; plan.tasks.len()];
    for (at, row) in rows.iter().enumerate() {
        position[row.index] = at;
    }
    let index_of: std::collections::HashMap<&str, usize> =
        plan.tasks.iter().enumerate().map(|(index, task)| (task.id.as_str(), index)).collect();
    let mut incoming: Vec<Vec<(&Dependency, usize)>> = vec![Vec::new(); plan.tasks.len()];
    for dependency in &plan.dependencies {
        if let (Some(&predecessor), Some(&successor)) =
            (index_of.get(dependency.predecessor.as_str()), index_of.get(dependency.successor.as_str()))
        {
            incoming[successor].push((dependency, predecessor));
        }
    }

    let mut text = String::from("gantt\n");
    text.push_str(&format!("    title {}\n", mermaid_text(&plan.name, "Plan")));
    text.push_str("    dateFormat YYYY-MM-DD\n");
    if let Some(excludes) = excludes(plan) {
        text.push_str(&format!("    excludes {excludes}\n"));
    }
    text.push_str("    %% Durations are working days. Mermaid's \"after\" is finish-to-start without lag:\n");
    text.push_str("    %% a task linked any other way is drawn at its computed start, as the comment above it says.\n");

    let mut in_top_level_section = false;
    for row in &rows {
        let index = row.index;
        let task = &plan.tasks[index];
        let times = &schedule.tasks[index];
        let links = &incoming[index];
        if is_section[index] {
            in_top_level_section = false;
            if !links.is_empty() {
                text.push_str(&format!(
                    "    %% {} waits on {}: the link holds its subtasks, drawn at their computed starts\n",
                    task.id,
                    links_label(links)
                ));
            }
            text.push_str(&format!("    section {}\n", mermaid_text(&task.name, task.id.as_str())));
            continue;
        }
        if row.depth == 0 && !in_top_level_section {
            in_top_level_section = true;
            text.push_str(&format!("    section {TOP_LEVEL_SECTION}\n"));
        }

        let computed_start = schedule.start_date(index).to_string();
        let (start, comment) = if links.is_empty() {
            (computed_start, None)
        } else if times.summary {
            (computed_start, Some("the link holds its subtasks; it spans them, from its computed start"))
        } else if !links.iter().all(|(dependency, _)| dependency.kind == DependencyKind::FS && dependency.lag == 0) {
            (computed_start, Some("Mermaid's \"after\" cannot say that, so it is drawn at its computed start"))
        } else if !links
            .iter()
            .all(|&(_, predecessor)| !is_section[predecessor] && position[predecessor] < position[index])
        {
            (
                computed_start,
                Some("Mermaid's \"after\" names only tasks listed above (not a section), so it is drawn at its computed start"),
            )
        } else if times.early_start_at_day_end {
            (computed_start, Some("a milestone sits on its predecessors' last day, and Mermaid's \"after\" would put it on the next one, so it is drawn on its day"))
        } else if links.iter().map(|&(_, predecessor)| schedule.tasks[predecessor].early_finish).max()
            != Some(times.early_start)
        {
            (computed_start, Some("something else holds it later (a date constraint or a link to its summary), so it is drawn at its computed start"))
        } else if links.iter().any(|&(_, predecessor)| schedule.tasks[predecessor].early_start_at_day_end) {
            (computed_start, Some("Mermaid's \"after\" a milestone would start it on the milestone's own day, so it is drawn at its computed start"))
        } else {
            let mut after: Vec<&str> = Vec::new();
            for &(_, predecessor) in links {
                if !after.contains(&ids[predecessor].as_str()) {
                    after.push(&ids[predecessor]);
                }
            }
            (format!("after {}", after.join(" ")), None)
        };
        if let Some(why) = comment {
            text.push_str(&format!("    %% {} waits on {}: {why}\n", task.id, links_label(links)));
        }

        let mut tags = String::new();
        if times.critical {
            tags.push_str("crit, ");
        }
        if times.progress >= 100.0 {
            tags.push_str("done, ");
        } else if times.progress > 0.0 {
            tags.push_str("active, ");
        }
        if times.milestone {
            tags.push_str("milestone, ");
        }
        // Working days from the day it is drawn from: a summary that starts with a
        // milestone at the end of a day is drawn from that day.
        let duration =
            if times.early_finish == times.early_start { 0 } else { times.early_finish - schedule.start_day(index) };
        text.push_str(&format!(
            "    {} :{tags}{}, {start}, {duration}d\n",
            mermaid_text(&task.name, task.id.as_str()),
            ids[index]
        ));
    }
    text
}

/// Each task's Mermaid id (by index into `plan.tasks`): its own id where Mermaid can use
/// it (letters, digits, `_` and `-`, and not a tag word), else that id with every other
/// character as `_` and a tag word followed by `_`; a number is added if that is taken.
pub fn mermaid_ids(plan: &Plan) -> Vec<String> {
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut ids = Vec::with_capacity(plan.tasks.len());
    // Ids Mermaid can use as they are come first, so a rewritten one never takes them.
    let usable = |id: &str| {
        id.chars().all(|character| character.is_ascii_alphanumeric() || matches!(character, '_' | '-'))
            && !TAGS.iter().any(|tag| tag.eq_ignore_ascii_case(id))
    };
    for task in &plan.tasks {
        if usable(task.id.as_str()) {
            taken.insert(task.id.to_string());
        }
    }
    for task in &plan.tasks {
        let id = task.id.as_str();
        if usable(id) {
            ids.push(id.to_string());
            continue;
        }
        let mut base: String = id
            .chars()
            .map(|character| if character.is_ascii_alphanumeric() || character == '-' { character } else { '_' })
            .collect();
        if TAGS.iter().any(|tag| tag.eq_ignore_ascii_case(&base)) {
            base.push('_');
        }
        let mut candidate = base.clone();
        let mut number = 2;
        while taken.contains(&candidate) {
            candidate = format!("{base}_{number}");
            number += 1;
        }
        taken.insert(candidate.clone());
        ids.push(candidate);
    }
    ids
}

/// A name as Mermaid text (a title, a section or a task name): `:` becomes `∶`, `#`
/// becomes `＃`, `;` becomes `,`, line breaks, tabs and other control characters become
/// spaces, and runs of spaces one. A `%` among the first two characters (which Mermaid
/// would read as the start of a comment) becomes `％`, and a name Mermaid would read as
/// a keyword or a date gets an invisible zero-width space in front. An empty name
/// becomes `fallback`.
pub fn mermaid_text(name: &str, fallback: &str) -> String {
    let mut text = String::with_capacity(name.len());
    for character in name.chars() {
        let replaced = match character {
            ':' => '∶',
            '#' => '＃',
            ';' => ',',
            '%' if text.chars().count() < 2 => '％',
            // U+FEFF is white space to Mermaid's lexer (JavaScript's `\s`), not to Rust.
            character if character.is_control() || character.is_whitespace() || character == '\u{feff}' => ' ',
            character => character,
        };
        if replaced == ' ' && (text.is_empty() || text.ends_with(' ')) {
            continue;
        }
        text.push(replaced);
    }
    while text.ends_with(' ') {
        text.pop();
    }
    if text.is_empty() {
        return if fallback.is_empty() { "(no name)".to_string() } else { mermaid_text(fallback, "") };
    }
    let lower = text.to_lowercase();
    let reads_as_keyword = KEYWORDS.iter().chain(&KEYWORDS_WITHOUT_DELIMITER).any(|keyword| {
        lower.strip_prefix(keyword).is_some_and(|rest| {
            KEYWORDS_WITHOUT_DELIMITER.contains(keyword)
                || rest.is_empty()
                || rest.starts_with(|character: char| character.is_whitespace() || character == '{')
        })
    });
    let starts_with_date = text.as_bytes().get(..10).is_some_and(|start| {
        start
            .iter()
            .enumerate()
            .all(|(at, byte)| if at == 4 || at == 7 { *byte == b'-' } else { byte.is_ascii_digit() })
    });
    if reads_as_keyword || starts_with_date {
        text.insert(0, GUARD);
    }
    text
}

/// What the calendar leaves out, as Mermaid's `excludes` value: `weekends` (or the
/// names of the non-working weekdays), then the holidays on working weekdays, in date
/// order. `None` when every day is a working day.
fn excludes(plan: &Plan) -> Option<String> {
    // A calendar without working days works on Mondays, as the schedule's does.
    let working = |day: Weekday| {
        (plan.calendar.working_weekdays.is_empty() && day == Weekday::Mon)
            || plan.calendar.working_weekdays.contains(&day)
    };
    let resting: Vec<Weekday> = WEEKDAY_NAMES.iter().map(|&(_, day)| day).filter(|&day| !working(day)).collect();
    let mut parts: Vec<String> = if resting == [Weekday::Sat, Weekday::Sun] {
        vec!["weekends".to_string()]
    } else {
        resting.iter().map(|&day| weekday_name(day).to_string()).collect()
    };
    let mut holidays: Vec<NaiveDate> = plan
        .calendar
        .holidays
        .iter()
        .map(|holiday| holiday.date)
        .filter(|date| working(chrono::Datelike::weekday(date)))
        .collect();
    holidays.sort_unstable();
    holidays.dedup();
    parts.extend(holidays.iter().map(|date| date.to_string()));
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The weekday as Mermaid's `excludes` names it.
fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "monday",
        Weekday::Tue => "tuesday",
        Weekday::Wed => "wednesday",
        Weekday::Thu => "thursday",
        Weekday::Fri => "friday",
        Weekday::Sat => "saturday",
        Weekday::Sun => "sunday",
    }
}

/// "T2 (SS +3d), T5 (FS)": a task's incoming links, for a comment.
fn links_label(links: &[(&Dependency, usize)]) -> String {
    links
        .iter()
        .map(|(dependency, _)| match dependency.lag {
            0 => format!("{} ({})", dependency.predecessor, dependency.kind.label()),
            lag => format!("{} ({} {lag:+}d)", dependency.predecessor, dependency.kind.label()),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_that_end_a_field_or_a_line_are_replaced() {
        assert_eq!(mermaid_text("Phase 2: build #3; ship", "T1"), "Phase 2∶ build ＃3, ship");
        assert_eq!(mermaid_text("one\r\ntwo\tthree  four ", "T1"), "one two three four");
        assert_eq!(mermaid_text(" \n ", "T1"), "T1");
    }

    #[test]
    fn names_mermaid_would_misread_are_guarded() {
        for name in ["Title review", "section 2", "GANTT chart", "Ganttry", "2027-01-04 cut-over", "accDescr {"] {
            assert!(mermaid_text(name, "T1").starts_with(GUARD), "{name}");
        }
        assert_eq!(mermaid_text("%% not a comment", "T1"), "％％ not a comment");
        assert_eq!(mermaid_text("5% ramp to 50%", "T1"), "5％ ramp to 50%");
        for name in ["Ramp to 50%", "Design review", "Sections", "Calling vendors", "Test"] {
            assert!(!mermaid_text(name, "T1").starts_with(GUARD), "{name}");
        }
    }
}
