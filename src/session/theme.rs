//! The colour theme chosen in this browser: the system's (the default), light or dark.
//! The stylesheets follow the system's `prefers-color-scheme` unless the page's root
//! element names a theme in `data-theme` (style/tokens.css); the choice is kept in local
//! storage as the attribute's value, and nothing is kept for the system's.

/// A choice of colour theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Whatever the system's colour scheme is, and follows it when it changes.
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    /// Every choice, in the order the menu offers them.
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    /// The choice kept as `stored` (`None`: none kept). A value this version does not know
    /// (written by a later one, or by hand) is the system's: it never leaves the page
    /// unreadable.
    pub fn from_stored(stored: Option<&str>) -> Self {
        match stored {
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            _ => Theme::System,
        }
    }

    /// The root element's `data-theme` for this choice, which is also what is stored;
    /// `None` for the system's: no attribute, no stored value.
    pub fn attribute(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }

    /// The choice as the menu names it.
    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "System theme",
            Theme::Light => "Light theme",
            Theme::Dark => "Dark theme",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_choice_reads_back_as_itself_from_what_it_stores() {
        for theme in Theme::ALL {
            assert_eq!(Theme::from_stored(theme.attribute()), theme, "{theme:?}");
        }
    }

    #[test]
    fn the_system_theme_stores_nothing_and_sets_no_attribute() {
        assert_eq!(Theme::System.attribute(), None);
        assert_eq!(Theme::default(), Theme::System);
    }

    #[test]
    fn an_unknown_or_missing_stored_value_follows_the_system() {
        for stored in [None, Some(""), Some("Dark"), Some("sepia"), Some("\"dark\"")] {
            assert_eq!(Theme::from_stored(stored), Theme::System, "{stored:?}");
        }
    }
}
