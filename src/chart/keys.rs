//! The Gantt chart's keys as data. One table, `CHART_KEYS`, drives the chart's key handler
//! (`ui/gantt/keys.rs` looks the pressed key up with `action_for` and dispatches on the
//! `KeyAction`), its Keys panel (one row per `Binding`) and the chart's keys in
//! docs/user-guide.md: a native test (tests/native/chart_keys.rs) renders the table with
//! `markdown_table` and fails when the guide says otherwise.
//!
//! Pure data, no browser types, so the native tests read it.

/// What a key does on the chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyAction {
    SelectPrevious,
    SelectNext,
    SelectFirst,
    SelectLast,
    /// A working day earlier (sets the task's "not before" date).
    MoveEarlier,
    MoveLater,
    /// A working day shorter.
    Shorten,
    Lengthen,
    /// Progress 10% down.
    LessProgress,
    MoreProgress,
    /// Ends a link drawn by key on the selected task, or else edits its name in the grid.
    Confirm,
    /// A new task after the selected one.
    NewTask,
    NewSubtask,
    NewMilestone,
    Indent,
    Outdent,
    /// Up among its siblings.
    MoveUp,
    MoveDown,
    /// Shows or hides a summary's subtasks.
    ToggleSubtasks,
    /// Starts a link from the selected task (chosen with ↑ ↓, ended with Enter).
    StartLink,
    /// Selects the next link of the selected task.
    NextLink,
    /// Removes the selected link, or else the selected task.
    Delete,
    /// Cancels a drag or a link, closes the keys panel, then clears the selection.
    Cancel,
    /// Shows or hides the keys panel.
    ToggleHelp,
}

/// Whether a chord wants a modifier key held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Held {
    Any,
    Yes,
    No,
}

impl Held {
    pub fn allows(self, down: bool) -> bool {
        match self {
            Held::Any => true,
            Held::Yes => down,
            Held::No => !down,
        }
    }
}

/// Keys (as `KeyboardEvent.key` names them) with Shift and Alt held or not, and what they
/// do. Ctrl and Cmd are never the chart's: they belong to the app (undo, save).
#[derive(Clone, Copy, Debug)]
pub struct Chord {
    pub keys: &'static [&'static str],
    pub shift: Held,
    pub alt: Held,
    pub action: KeyAction,
}

impl Chord {
    pub fn matches(&self, key: &str, shift: bool, alt: bool) -> bool {
        self.keys.contains(&key) && self.shift.allows(shift) && self.alt.allows(alt)
    }
}

/// One row of the keys panel and of the guide: the keys as a person reads them, what they
/// do, and the chords the handler matches.
#[derive(Clone, Copy, Debug)]
pub struct Binding {
    pub keys: &'static str,
    pub description: &'static str,
    pub chords: &'static [Chord],
}

const fn chord(keys: &'static [&'static str], shift: Held, alt: Held, action: KeyAction) -> Chord {
    Chord { keys, shift, alt, action }
}

/// A chord with any Shift and Alt.
const fn any(keys: &'static [&'static str], action: KeyAction) -> Chord {
    chord(keys, Held::Any, Held::Any, action)
}

use Held::{Any, No, Yes};
use KeyAction as A;

/// The chart's keys, in the order the keys panel and the guide list them.
pub const CHART_KEYS: &[Binding] = &[
    Binding {
        keys: "↑ ↓, Home, End",
        description: "select the task above, below, first, last",
        chords: &[
            chord(&["ArrowUp"], Any, No, A::SelectPrevious),
            chord(&["ArrowDown"], Any, No, A::SelectNext),
            chord(&["Home"], Any, No, A::SelectFirst),
            chord(&["End"], Any, No, A::SelectLast),
        ],
    },
    Binding {
        keys: "← →",
        description: "move the task a working day earlier or later (sets its “not before” date)",
        chords: &[chord(&["ArrowLeft"], No, No, A::MoveEarlier), chord(&["ArrowRight"], No, No, A::MoveLater)],
    },
    Binding {
        keys: "Shift + ← →",
        description: "shorten or lengthen the task by a working day",
        chords: &[chord(&["ArrowLeft"], Yes, No, A::Shorten), chord(&["ArrowRight"], Yes, No, A::Lengthen)],
    },
    Binding {
        keys: "[ ]",
        description: "progress 10% down or up",
        chords: &[any(&["["], A::LessProgress), any(&["]"], A::MoreProgress)],
    },
    Binding { keys: "Enter", description: "edit the task's name in the grid", chords: &[any(&["Enter"], A::Confirm)] },
    Binding {
        keys: "N, Shift + N, M",
        description: "new task after this one, new subtask, new milestone",
        chords: &[
            chord(&["n", "N"], No, Any, A::NewTask),
            chord(&["n", "N"], Yes, Any, A::NewSubtask),
            any(&["m", "M"], A::NewMilestone),
        ],
    },
    Binding {
        keys: "Alt + Shift + → ←",
        description: "indent, outdent",
        chords: &[chord(&["ArrowRight"], Yes, Yes, A::Indent), chord(&["ArrowLeft"], Yes, Yes, A::Outdent)],
    },
    Binding {
        keys: "Alt + Shift + ↑ ↓",
        description: "move up or down among its siblings",
        chords: &[chord(&["ArrowUp"], Yes, Yes, A::MoveUp), chord(&["ArrowDown"], Yes, Yes, A::MoveDown)],
    },
    Binding {
        keys: "Space",
        description: "show or hide a summary's subtasks",
        chords: &[any(&[" "], A::ToggleSubtasks)],
    },
    Binding {
        keys: "L, then ↑ ↓ and Enter",
        description: "link this task to another one (finish to start)",
        chords: &[any(&["l", "L"], A::StartLink)],
    },
    Binding { keys: "K", description: "select the next link of the task", chords: &[any(&["k", "K"], A::NextLink)] },
    Binding {
        keys: "Delete",
        description: "remove the selected link, or else the selected task",
        chords: &[any(&["Delete", "Backspace"], A::Delete)],
    },
    Binding {
        keys: "Escape",
        description: "cancel a drag or a link, close the keys panel, then clear the selection",
        chords: &[any(&["Escape"], A::Cancel)],
    },
    Binding { keys: "?", description: "show or hide the keys panel", chords: &[any(&["?"], A::ToggleHelp)] },
];

/// What a key pressed on the chart does, if anything (Ctrl and Cmd are handled before).
pub fn action_for(key: &str, shift: bool, alt: bool) -> Option<KeyAction> {
    CHART_KEYS
        .iter()
        .flat_map(|binding| binding.chords)
        .find(|chord| chord.matches(key, shift, alt))
        .map(|chord| chord.action)
}

/// The table as docs/user-guide.md writes it, a line per binding.
pub fn markdown_table() -> String {
    let mut table = String::from("| keys | action |\n| --- | --- |\n");
    for binding in CHART_KEYS {
        table.push_str(&format!("| {} | {} |\n", binding.keys, binding.description));
    }
    table
}
