//! Why a storage operation failed, in the app's own words, and how a browser's exception
//! is sorted into those reasons. Pure, so it is tested natively.

/// Why storage failed. Never a panic: every caller shows the message and carries on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// Local storage cannot be reached (private mode, a sandboxed frame, disabled).
    Unavailable(String),
    /// The browser's storage quota is full.
    QuotaExceeded,
    /// Any other failure the browser reported.
    Failed(String),
    /// Another tab saved this plan since this tab loaded or saved it: saving would
    /// overwrite that work, so nothing was written.
    NewerRevision { stored: u64, known: u64 },
}

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Unavailable(why) => write!(f, "this browser's local storage cannot be used ({why})"),
            Self::QuotaExceeded => f.write_str("this browser's local storage is full"),
            Self::Failed(why) => write!(f, "the browser refused to save ({why})"),
            Self::NewerRevision { stored, known } => write!(
                f,
                "another tab saved this plan since this tab last did (revision {stored}, this tab has {known})"
            ),
        }
    }
}

/// The names browsers give the exception of a full quota: Chromium and today's Firefox
/// and Safari `QuotaExceededError`, older Firefox `NS_ERROR_DOM_QUOTA_REACHED`, old
/// WebKit `QUOTA_EXCEEDED_ERR`. (The numeric codes, 22 and 1014, are not needed: every
/// browser that runs WebAssembly names the exception.)
const QUOTA_EXCEEDED_NAMES: [&str; 3] = ["QuotaExceededError", "NS_ERROR_DOM_QUOTA_REACHED", "QUOTA_EXCEEDED_ERR"];

/// Sorts an exception a storage call threw, by its `name`: a full quota, or another
/// failure described as `name: message`.
pub fn classify(name: &str, message: &str) -> StorageError {
    if QUOTA_EXCEEDED_NAMES.contains(&name) {
        return StorageError::QuotaExceeded;
    }
    match (name.is_empty(), message.is_empty()) {
        (true, true) => StorageError::Failed("an error without a message".into()),
        (true, false) => StorageError::Failed(message.into()),
        (false, true) => StorageError::Failed(name.into()),
        (false, false) => StorageError::Failed(format!("{name}: {message}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_quota_is_recognised_in_every_browser_s_words() {
        for name in ["QuotaExceededError", "NS_ERROR_DOM_QUOTA_REACHED", "QUOTA_EXCEEDED_ERR"] {
            assert_eq!(classify(name, "whatever the browser says"), StorageError::QuotaExceeded, "{name}");
        }
    }

    #[test]
    fn other_exceptions_keep_their_name_and_message() {
        assert_eq!(
            classify("SecurityError", "The operation is insecure."),
            StorageError::Failed("SecurityError: The operation is insecure.".into())
        );
        assert_eq!(classify("quotaexceedederror", ""), StorageError::Failed("quotaexceedederror".into()));
        assert_eq!(classify("", "disk I/O error"), StorageError::Failed("disk I/O error".into()));
        assert_eq!(classify("", ""), StorageError::Failed("an error without a message".into()));
    }

    #[test]
    fn messages_say_what_happened_in_words() {
        assert_eq!(StorageError::QuotaExceeded.to_string(), "this browser's local storage is full");
        assert_eq!(
            StorageError::Unavailable("the browser offers none".into()).to_string(),
            "this browser's local storage cannot be used (the browser offers none)"
        );
        assert_eq!(
            StorageError::NewerRevision { stored: 4, known: 3 }.to_string(),
            "another tab saved this plan since this tab last did (revision 4, this tab has 3)"
        );
    }
}
