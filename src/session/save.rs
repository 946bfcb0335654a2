//! Whether the open plan is safely kept, and what the header says of it.

/// Whether the open plan is safely in local storage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    /// Edited; a save is scheduled.
    Pending,
    /// The last save failed; the message stays until a save succeeds.
    Failed(String),
    /// Local storage cannot be used: the plan lives in this tab only.
    InMemory(String),
    /// Another tab saved (or deleted) this plan after this tab loaded it, while this
    /// tab had edits of its own: nothing is saved until the user picks a version.
    Conflict {
        deleted: bool,
    },
}

/// The header's word on saving: its text, a BEM modifier for its colour, and a longer
/// explanation for its tooltip.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SaveLabel {
    pub text: &'static str,
    pub modifier: &'static str,
    pub explanation: &'static str,
}

/// What the header says, given the save state and whether a field holds text the plan
/// does not have yet (typed and not yet committed, or refused and kept for correction).
/// It never says "Saved" while such text exists: that text is not in the plan, so not in
/// storage either. A problem with saving itself is said first.
pub fn save_label(state: &SaveState, typing: bool) -> SaveLabel {
    let label = |text, modifier, explanation| SaveLabel { text, modifier, explanation };
    match state {
        SaveState::Failed(_) => label("Not saved", "failed", "The last save failed: see the message above."),
        SaveState::InMemory(_) => {
            label("Not saved: in this tab only", "failed", "This browser's storage cannot be used: export the plan.")
        }
        SaveState::Conflict { .. } => {
            label("Not saved: changed in another tab", "failed", "Choose in the message above which version to keep.")
        }
        _ if typing => label(
            "Unsaved typing",
            "typing",
            "A field holds text the plan does not have yet: press Enter or leave the field to keep it.",
        ),
        SaveState::Pending => label("Saving…", "pending", "Your latest edit is being saved in this browser."),
        SaveState::Saved => label("Saved", "saved", "Every edit is saved in this browser."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_only_when_no_field_holds_uncommitted_text() {
        assert_eq!(save_label(&SaveState::Saved, false).text, "Saved");
        assert_eq!(save_label(&SaveState::Saved, true).text, "Unsaved typing");
        assert_eq!(save_label(&SaveState::Pending, true).text, "Unsaved typing");
        assert_eq!(save_label(&SaveState::Pending, false).text, "Saving…");
    }

    #[test]
    fn a_problem_with_saving_is_said_before_typing() {
        for state in [
            SaveState::Failed("full".into()),
            SaveState::InMemory("blocked".into()),
            SaveState::Conflict { deleted: false },
        ] {
            let label = save_label(&state, true);
            assert!(label.text.starts_with("Not saved"), "{}", label.text);
            assert_eq!(label.modifier, "failed");
        }
    }
}
