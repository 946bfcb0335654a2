//! The messages the app shows above the view: what happened, or what went wrong.

/// How long a message that needs no answer stays, in milliseconds: long enough to read
/// a sentence or two (it stays while the pointer or the focus is on it).
pub const INFO_SHOWN_MS: u32 = 6_000;

/// A message for the user: what happened, and whether it is a problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
    /// Detail lines, such as every problem of a rejected file.
    pub details: Vec<String>,
}

impl Notice {
    /// A message that something happened ("Baseline B1 set").
    pub fn info(text: impl Into<String>) -> Self {
        Self { text: text.into(), is_error: false, details: Vec::new() }
    }

    /// A problem, with its details.
    pub fn error(text: impl Into<String>, details: Vec<String>) -> Self {
        Self { text: text.into(), is_error: true, details }
    }

    /// How long the message stays on its own: a piece of news fades after a few seconds;
    /// a problem stays until it is answered or dismissed (`None`).
    pub fn fades_after_ms(&self) -> Option<u32> {
        (!self.is_error).then_some(INFO_SHOWN_MS)
    }

    /// Whether the message still shows after the user moves to another view: news is
    /// about the view it was given on; a problem follows until it is answered.
    pub fn follows_to_other_views(&self) -> bool {
        self.is_error
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_fades_and_stays_on_its_view_while_a_problem_stays_until_answered() {
        let news = Notice::info("Baseline B1 set");
        assert_eq!(news.fades_after_ms(), Some(INFO_SHOWN_MS));
        assert!(!news.follows_to_other_views());
        let problem = Notice::error("Not saved: this browser's storage is full.", Vec::new());
        assert_eq!(problem.fades_after_ms(), None);
        assert!(problem.follows_to_other_views());
    }
}
