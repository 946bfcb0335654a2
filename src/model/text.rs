//! Text as the model's messages show it and its rules see it: a value repeated in a
//! message is cut to a readable length, and a name nobody can see counts as empty.

use std::fmt;

/// Most characters of a value that a message repeats.
pub const SHOWN_CHARS: usize = 40;

/// A value as a message repeats it: whole up to `SHOWN_CHARS` characters, else its
/// start and its length (`abc… (10000000 characters)`). A file may hold a date or an id
/// millions of characters long, and a message is read by a person.
pub fn shortened(value: &str) -> Shortened<'_> {
    Shortened(value)
}

/// See `shortened`; written out only when a message is.
#[derive(Clone, Copy, Debug)]
pub struct Shortened<'a>(&'a str);

impl fmt::Display for Shortened<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.char_indices().nth(SHOWN_CHARS) {
            None => formatter.write_str(self.0),
            Some((cut, _)) => write!(formatter, "{}… ({} characters)", &self.0[..cut], self.0.chars().count()),
        }
    }
}

/// A value in double quotes for a message, cut short as `shortened` cuts it:
/// `"abc… (12345 characters)"`.
pub fn quoted(value: &str) -> String {
    format!("\"{}\"", shortened(value))
}

/// Whether text shows nothing: it is empty, or only white space, control characters
/// and characters drawn as nothing (zero-width spaces and joiners, the byte order
/// mark, soft hyphens and the like).
pub fn shows_nothing(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || c.is_control() || is_default_ignorable(c))
}

/// Unicode's Default_Ignorable_Code_Point: characters a renderer draws as nothing
/// when it does not support them (DerivedCoreProperties.txt, Unicode 16).
fn is_default_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_up_to_the_limit_is_shown_whole() {
        let at_limit = "é".repeat(SHOWN_CHARS);
        assert_eq!(shortened(&at_limit).to_string(), at_limit);
        assert_eq!(shortened("").to_string(), "");
    }

    #[test]
    fn a_longer_value_is_shown_by_its_start_and_its_length() {
        let long = format!("{}{}", "é".repeat(SHOWN_CHARS), "x".repeat(10_000_000));
        let shown = shortened(&long).to_string();
        assert_eq!(shown, format!("{}… (10000040 characters)", "é".repeat(SHOWN_CHARS)));
    }

    #[test]
    fn white_space_control_and_invisible_characters_show_nothing() {
        for text in [
            "",
            " \t\n",
            "\u{00A0}\u{2003}\u{3000}",
            "\u{200B}",
            "\u{200C}\u{200D}",
            "\u{2060}",
            "\u{FEFF}",
            "\u{00AD}",
            "\u{0000}\u{0007}",
            "\u{FE0F}\u{E0020}\u{3164}",
            " \u{200B} \u{FEFF} ",
        ] {
            assert!(shows_nothing(text), "{text:?}");
        }
    }

    #[test]
    fn any_visible_character_shows_something() {
        for text in ["a", "\u{200B}a\u{200B}", "-", "·", "\u{0600}", "日"] {
            assert!(!shows_nothing(text), "{text:?}");
        }
    }
}
