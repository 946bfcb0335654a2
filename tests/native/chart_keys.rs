//! The chart's key table (`chart::keys`): the user guide lists it as the app reads it, and
//! no key press could mean two things.

use planwright::chart::keys::{action_for, markdown_table, KeyAction, CHART_KEYS};

/// The line of docs/user-guide.md that the chart's keys table follows.
const GUIDE_HEADING: &str = "With the Gantt chart focused (click it, or Tab to it):";

/// The Markdown table after `heading` in `text`: its lines, each ending in a newline.
fn table_after(text: &str, heading: &str) -> Option<String> {
    let rest = &text[text.find(heading)? + heading.len()..];
    let lines = rest.lines().skip_while(|line| line.trim().is_empty()).take_while(|line| line.starts_with('|'));
    Some(lines.map(|line| format!("{}\n", line.trim_end())).collect())
}

#[test]
fn the_user_guide_lists_the_chart_s_keys_as_the_chart_reads_them() {
    let guide = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/user-guide.md")).unwrap();
    let written = table_after(&guide, GUIDE_HEADING).expect("the guide has the chart's keys");
    let expected = markdown_table();
    assert!(
        written == expected,
        "docs/user-guide.md differs from the chart's key table (src/chart/keys.rs); \
         the table after \"{GUIDE_HEADING}\" should read:\n\n{expected}\nit reads:\n\n{written}"
    );
}

#[test]
fn no_key_press_matches_two_chords() {
    let chords: Vec<_> = CHART_KEYS.iter().flat_map(|binding| binding.chords).collect();
    for (at, first) in chords.iter().enumerate() {
        for second in &chords[at + 1..] {
            for key in first.keys.iter().filter(|key| second.keys.contains(key)) {
                for (shift, alt) in [(false, false), (false, true), (true, false), (true, true)] {
                    assert!(
                        !(first.matches(key, shift, alt) && second.matches(key, shift, alt)),
                        "{key:?} (shift {shift}, alt {alt}) is both {:?} and {:?}",
                        first.action,
                        second.action
                    );
                }
            }
        }
    }
}

#[test]
fn keys_find_their_actions() {
    assert_eq!(action_for("ArrowUp", false, false), Some(KeyAction::SelectPrevious));
    assert_eq!(action_for("ArrowUp", true, true), Some(KeyAction::MoveUp));
    assert_eq!(action_for("ArrowUp", false, true), None, "Alt alone moves nothing");
    assert_eq!(action_for("ArrowLeft", true, false), Some(KeyAction::Shorten));
    assert_eq!(action_for("ArrowLeft", false, true), None);
    assert_eq!(action_for("N", true, false), Some(KeyAction::NewSubtask));
    assert_eq!(action_for("n", false, false), Some(KeyAction::NewTask));
    assert_eq!(action_for("Backspace", false, false), Some(KeyAction::Delete));
    assert_eq!(action_for("?", true, false), Some(KeyAction::ToggleHelp));
    assert_eq!(action_for("x", false, false), None);
}
