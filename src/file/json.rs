//! A small JSON reader and writer for the plan file, in place of serde and serde_json
//! (whose derived code for the plan's types was about 33 KB gzip of the WebAssembly).
//!
//! The reader works in two steps, as the file format needs: `Json::skip_value` checks
//! that a value is well-formed JSON without building it (any depth, in linear time,
//! without recursion), and the typed methods (`string`, `number`, `object`, `list`)
//! read values of a known shape, so the plan is built straight from the text.
//!
//! Errors carry the byte position serde_json gave the same error (the place reported
//! to the user as a line and column, and from which `json_path::path_at` names the
//! field), so messages and places did not change when the reader was replaced:
//! `at` is either the index of the next unread byte (serde_json's `error`) or one past
//! the byte looked at (its `peek_error`).

use std::borrow::Cow;

/// What kind of JSON error this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Category {
    /// Not well-formed JSON.
    Syntax,
    /// The text ends inside a value.
    Eof,
    /// Well-formed, but not the kind of value expected there.
    Data,
}

/// A problem found while reading, in the file's own terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct JsonError {
    /// The byte position of the problem (see the module text); `None` until the object
    /// or list around it places it.
    pub at: Option<usize>,
    pub category: Category,
    pub message: String,
}

impl JsonError {
    pub(crate) fn data(message: impl Into<String>) -> Self {
        Self { at: None, category: Category::Data, message: message.into() }
    }

    fn placed(mut self, at: usize) -> Self {
        self.at.get_or_insert(at);
        self
    }
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)?;
        if let Some(at) = self.at {
            write!(f, " at byte {at}")?;
        }
        Ok(())
    }
}

pub(crate) const EXPECTED_VALUE: &str =
    "expected a value (a number, text in quotes, true, false, null, an object or a list)";
const EXPECTED_NAME: &str = "expected a value (a name, number or text in quotes)";
pub(crate) const OUT_OF_RANGE: &str = "number out of range: it is too large to be read";

/// A number as written: a whole number (with its sign) or any other number, kept as text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Number<'a> {
    Unsigned(u64),
    Negative(i64),
    /// With a fraction or an exponent, `-0`, or too large for 64 bits: as written.
    Other(&'a str),
}

impl Number<'_> {
    /// How an error message names the number.
    fn describe(&self) -> String {
        match self {
            Number::Unsigned(value) => format!("the number `{value}`"),
            Number::Negative(value) => format!("the number `{value}`"),
            Number::Other(text) => format!("the number `{text}`"),
        }
    }
}

/// A position in a JSON text being read.
pub(crate) struct Json<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pub index: usize,
}

impl<'a> Json<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Self { text, bytes: text.as_bytes(), index: 0 }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.index).copied()
    }

    /// Skips whitespace and returns the next byte without reading it.
    pub(crate) fn whitespace(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.index += 1;
        }
        self.peek()
    }

    pub(crate) fn error(&self, category: Category, message: impl Into<String>) -> JsonError {
        JsonError { at: Some(self.index), category, message: message.into() }
    }

    pub(crate) fn peek_error(&self, category: Category, message: impl Into<String>) -> JsonError {
        JsonError { at: Some((self.index + 1).min(self.bytes.len())), category, message: message.into() }
    }

    fn syntax(&self, message: &str) -> JsonError {
        self.error(Category::Syntax, message)
    }

    fn eof(&self, what: &str) -> JsonError {
        self.error(Category::Eof, format!("EOF while parsing {what}"))
    }

    fn peek_eof(&self, what: &str) -> JsonError {
        self.peek_error(Category::Eof, format!("EOF while parsing {what}"))
    }

    /// Fails unless only whitespace is left.
    pub(crate) fn end(&mut self) -> Result<(), JsonError> {
        match self.whitespace() {
            Some(_) => Err(self.peek_error(Category::Syntax, "trailing characters")),
            None => Ok(()),
        }
    }

    /// Reads the rest of `null`, `true` or `false` after its first letter.
    fn ident(&mut self, rest: &[u8]) -> Result<(), JsonError> {
        for expected in rest {
            match self.peek() {
                None => return Err(self.eof("a value")),
                Some(byte) => {
                    self.index += 1;
                    if byte != *expected {
                        return Err(self.syntax(EXPECTED_NAME));
                    }
                }
            }
        }
        Ok(())
    }

    // ------------------------------------------------------------ well-formedness

    /// Checks one value and moves past it, at any depth and without recursion.
    pub(crate) fn skip_value(&mut self) -> Result<(), JsonError> {
        // The open lists (`[`) and objects (`{`) around the value being read.
        let mut open: Vec<u8> = Vec::new();
        loop {
            let Some(peek) = self.whitespace() else { return Err(self.peek_eof("a value")) };
            let mut frame = match peek {
                b'n' | b't' | b'f' => {
                    self.index += 1;
                    self.ident(match peek {
                        b'n' => b"ull",
                        b't' => b"rue",
                        _ => b"alse",
                    })?;
                    None
                }
                b'-' | b'0'..=b'9' => {
                    self.scan_number()?;
                    None
                }
                b'"' => {
                    self.index += 1;
                    self.skip_string()?;
                    None
                }
                b'[' | b'{' => {
                    self.index += 1;
                    Some(peek)
                }
                _ => return Err(self.peek_error(Category::Syntax, EXPECTED_VALUE)),
            };
            // After a complete value: close what ends here, then find where the next starts.
            let mut accept_comma = frame.is_none();
            let mut current = match frame.take() {
                Some(bracket) => bracket,
                None => match open.pop() {
                    Some(bracket) => bracket,
                    None => return Ok(()),
                },
            };
            loop {
                match self.whitespace() {
                    Some(b',') if accept_comma => {
                        self.index += 1;
                        break;
                    }
                    Some(b']') if current == b'[' => {}
                    Some(b'}') if current == b'{' => {}
                    Some(_) if accept_comma => {
                        return Err(self.peek_error(
                            Category::Syntax,
                            if current == b'[' { "expected `,` or `]`" } else { "expected `,` or `}`" },
                        ))
                    }
                    Some(_) => break,
                    None => return Err(self.peek_eof(if current == b'[' { "a list" } else { "an object" })),
                }
                self.index += 1;
                match open.pop() {
                    Some(bracket) => current = bracket,
                    None => return Ok(()),
                }
                accept_comma = true;
            }
            if current == b'{' {
                match self.whitespace() {
                    Some(b'"') => self.index += 1,
                    Some(_) => return Err(self.peek_error(Category::Syntax, "key must be a string")),
                    None => return Err(self.peek_eof("an object")),
                }
                self.skip_string()?;
                self.colon()?;
            }
            open.push(current);
        }
    }

    fn colon(&mut self) -> Result<(), JsonError> {
        match self.whitespace() {
            Some(b':') => {
                self.index += 1;
                Ok(())
            }
            Some(_) => Err(self.peek_error(Category::Syntax, "expected `:`")),
            None => Err(self.peek_eof("an object")),
        }
    }

    /// Moves past a string whose opening quote is read, checking its escapes (but, as
    /// serde_json, not whether `\u` escapes pair up: reading it as text does).
    fn skip_string(&mut self) -> Result<(), JsonError> {
        loop {
            self.skip_plain_text();
            match self.peek() {
                None => return Err(self.eof("a string")),
                Some(b'"') => {
                    self.index += 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    self.index += 1;
                    match self.peek() {
                        None => return Err(self.eof("a string")),
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => self.index += 1,
                        Some(b'u') => {
                            self.index += 1;
                            self.hex_escape()?;
                        }
                        Some(_) => {
                            self.index += 1;
                            return Err(self.syntax("invalid escape"));
                        }
                    }
                }
                Some(0..=0x1f) => {
                    return Err(self.syntax("control character (\\u0000-\\u001F) found while parsing a string"))
                }
                Some(_) => self.index += 1,
            }
        }
    }

    /// Moves over the bytes of a string that stand for themselves (up to a quote, a
    /// backslash or a control character): one pass the compiler can unroll.
    fn skip_plain_text(&mut self) {
        let rest = &self.bytes[self.index..];
        self.index += rest.iter().position(|&byte| byte == b'"' || byte == b'\\' || byte < 0x20).unwrap_or(rest.len());
    }

    fn hex_escape(&mut self) -> Result<u16, JsonError> {
        let Some(digits) = self.bytes.get(self.index..self.index + 4) else {
            self.index = self.bytes.len();
            return Err(self.eof("a string"));
        };
        self.index += 4;
        let mut value = 0u16;
        for digit in digits {
            let Some(nibble) = (*digit as char).to_digit(16) else { return Err(self.syntax("invalid escape")) };
            value = value * 16 + nibble as u16;
        }
        Ok(value)
    }

    /// Moves past a number, checking its form: the text of it, and whether it is a
    /// whole number without sign, fraction or exponent.
    fn scan_number(&mut self) -> Result<&'a str, JsonError> {
        let start = self.index;
        if self.peek() == Some(b'-') {
            self.index += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.index += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.peek_error(Category::Syntax, "invalid number"));
                }
            }
            Some(b'1'..=b'9') => self.skip_digits(),
            other => {
                self.index += other.is_some() as usize;
                return Err(self.syntax("invalid number"));
            }
        }
        if self.peek() == Some(b'.') {
            self.index += 1;
            let digits = self.index;
            self.skip_digits();
            if self.index == digits {
                return Err(self.peek_error(Category::Syntax, "invalid number"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.index += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.index += 1;
            }
            match self.peek() {
                Some(b'0'..=b'9') => self.skip_digits(),
                other => {
                    self.index += other.is_some() as usize;
                    return Err(self.syntax("invalid number"));
                }
            }
        }
        Ok(&self.text[start..self.index])
    }

    fn skip_digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.index += 1;
        }
    }

    // ------------------------------------------------------------ typed values

    /// Reads a string whose opening quote is read: its text, with escapes resolved.
    fn string_body(&mut self) -> Result<Cow<'a, str>, JsonError> {
        let start = self.index;
        // Fast path: no escapes, the text is a slice of the file.
        loop {
            self.skip_plain_text();
            match self.peek() {
                None => return Err(self.eof("a string")),
                Some(b'"') => {
                    self.index += 1;
                    return Ok(Cow::Borrowed(&self.text[start..self.index - 1]));
                }
                Some(b'\\') => break,
                Some(0..=0x1f) => {
                    self.index += 1;
                    return Err(self.syntax("control character (\\u0000-\\u001F) found while parsing a string"));
                }
                Some(_) => self.index += 1,
            }
        }
        let mut owned = String::from(&self.text[start..self.index]);
        loop {
            let run = self.index;
            self.skip_plain_text();
            owned.push_str(&self.text[run..self.index]);
            match self.peek() {
                None => return Err(self.eof("a string")),
                Some(b'"') => {
                    self.index += 1;
                    return Ok(Cow::Owned(owned));
                }
                Some(b'\\') => {
                    self.index += 1;
                    let Some(escape) = self.peek() else { return Err(self.eof("a string")) };
                    self.index += 1;
                    owned.push(match escape {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => return Err(self.syntax("invalid escape")),
                    });
                }
                Some(_) => {
                    self.index += 1;
                    return Err(self.syntax("control character (\\u0000-\\u001F) found while parsing a string"));
                }
            }
        }
    }

    /// The character of a `\u` escape (and of the one after it, for a surrogate pair).
    fn unicode_escape(&mut self) -> Result<char, JsonError> {
        let first = self.hex_escape()?;
        if (0xDC00..=0xDFFF).contains(&first) {
            return Err(self.syntax("lone leading surrogate in hex escape"));
        }
        if !(0xD800..=0xDBFF).contains(&first) {
            return char::from_u32(first as u32).ok_or_else(|| self.syntax("invalid unicode code point"));
        }
        for expected in [b'\\', b'u'] {
            match self.peek() {
                None => return Err(self.eof("a string")),
                Some(byte) => {
                    self.index += 1;
                    if byte != expected {
                        return Err(self.syntax("unexpected end of hex escape"));
                    }
                }
            }
        }
        let second = self.hex_escape()?;
        if !(0xDC00..=0xDFFF).contains(&second) {
            return Err(self.syntax("lone leading surrogate in hex escape"));
        }
        let code = (((first - 0xD800) as u32) << 10 | (second - 0xDC00) as u32) + 0x1_0000;
        char::from_u32(code).ok_or_else(|| self.syntax("invalid unicode code point"))
    }

    /// Reads a string value.
    pub(crate) fn string(&mut self, expected: &str) -> Result<Cow<'a, str>, JsonError> {
        match self.whitespace() {
            Some(b'"') => {
                self.index += 1;
                self.string_body()
            }
            _ => Err(self.invalid_type(expected)),
        }
    }

    /// Reads a number value.
    pub(crate) fn number(&mut self, expected: &str) -> Result<Number<'a>, JsonError> {
        match self.whitespace() {
            Some(b'-' | b'0'..=b'9') => self.number_body(),
            _ => Err(self.invalid_type(expected)),
        }
    }

    fn number_body(&mut self) -> Result<Number<'a>, JsonError> {
        let text = self.scan_number()?;
        let (negative, digits) = match text.strip_prefix('-') {
            Some(digits) => (true, digits),
            None => (false, text),
        };
        if digits.bytes().all(|byte| byte.is_ascii_digit()) {
            if let Ok(value) = digits.parse::<u64>() {
                if !negative {
                    return Ok(Number::Unsigned(value));
                }
                if value != 0 && value <= 1 << 63 {
                    return Ok(Number::Negative((value as i64).wrapping_neg()));
                }
            }
        }
        if beyond_double(digits) {
            return Err(self.syntax(OUT_OF_RANGE));
        }
        Ok(Number::Other(text))
    }

    /// A whole number from `min` to `max`, for a field whose type is named by `expected`.
    pub(crate) fn whole_number(&mut self, min: i64, max: u64, expected: &str) -> Result<Number<'a>, JsonError> {
        let number = self.number(expected)?;
        let fits = match number {
            Number::Unsigned(value) => value <= max,
            Number::Negative(value) => value >= min,
            Number::Other(_) => {
                return Err(self
                    .error(Category::Data, format!("wrong kind of value: {}, expected {expected}", number.describe())))
            }
        };
        if fits {
            Ok(number)
        } else {
            Err(self.error(Category::Data, format!("value out of range: {}, expected {expected}", number.describe())))
        }
    }

    pub(crate) fn unsigned(&mut self, max: u64, expected: &str) -> Result<u64, JsonError> {
        match self.whole_number(0, max, expected)? {
            Number::Unsigned(value) => Ok(value),
            _ => Ok(0),
        }
    }

    /// Whether the next value is `null`, read if so.
    pub(crate) fn null(&mut self) -> Result<bool, JsonError> {
        if self.whitespace() == Some(b'n') {
            self.index += 1;
            self.ident(b"ull")?;
            return Ok(true);
        }
        Ok(false)
    }

    /// The error for a value of the wrong kind (reading it, unless it is a list or object,
    /// so the error is placed after it), as serde_json's `peek_invalid_type`.
    pub(crate) fn invalid_type(&mut self, expected: &str) -> JsonError {
        let found = match self.whitespace() {
            Some(byte @ (b'n' | b't' | b'f')) => {
                self.index += 1;
                let (rest, found): (&[u8], _) = match byte {
                    b'n' => (b"ull", "null"),
                    b't' => (b"rue", "boolean `true`"),
                    _ => (b"alse", "boolean `false`"),
                };
                if let Err(error) = self.ident(rest) {
                    return error;
                }
                found.to_string()
            }
            Some(b'-' | b'0'..=b'9') => match self.number_body() {
                Ok(number) => number.describe(),
                Err(error) => return error,
            },
            Some(b'"') => {
                self.index += 1;
                match self.string_body() {
                    Ok(text) => {
                        let mut described = String::from("the text ");
                        push_string(&mut described, &text);
                        described
                    }
                    Err(error) => return error,
                }
            }
            Some(b'[') => "a list".to_string(),
            Some(b'{') => "an object".to_string(),
            Some(_) => return self.peek_error(Category::Syntax, EXPECTED_VALUE),
            None => return self.peek_eof("a value"),
        };
        self.error(Category::Data, format!("wrong kind of value: {found}, expected {expected}"))
    }

    /// Reads an object whose fields are `fields`, each once; `field` reads the value of
    /// the field with that index. Returns which fields were given (bit `i` for field `i`).
    /// An unknown or repeated field is refused.
    pub(crate) fn object(
        &mut self,
        name: &str,
        fields: &[&str],
        mut field: impl FnMut(&mut Self, usize) -> Result<(), JsonError>,
    ) -> Result<u32, JsonError> {
        if self.whitespace() != Some(b'{') {
            return Err(self.invalid_type(&format!("struct {name}")));
        }
        self.index += 1;
        let mut read = || -> Result<u32, JsonError> {
            let mut given = 0u32;
            let mut first = true;
            while self.next_key(&mut first)? {
                self.index += 1;
                let key = self.string_body()?;
                let Some(index) = fields.iter().position(|known| *known == key) else {
                    return Err(self.error(Category::Data, unknown_field(&key, fields)));
                };
                if given & 1 << index != 0 {
                    return Err(JsonError::data(format!("duplicate field `{key}`")));
                }
                self.colon()?;
                field(self, index)?;
                given |= 1 << index;
            }
            Ok(given)
        };
        let given = read();
        let end = self.end_object();
        match (given, end) {
            (Err(error), _) => Err(error.placed(self.index)),
            (Ok(_), Err(error)) => Err(error),
            (Ok(given), Ok(())) => Ok(given),
        }
    }

    /// Fails with "missing field" for the first field in `required` (a bit per field)
    /// that is not in `given`, placed after the object.
    pub(crate) fn require(&self, given: u32, required: u32, fields: &[&str]) -> Result<(), JsonError> {
        match (0..fields.len()).find(|index| required & !given & 1 << index != 0) {
            Some(missing) => Err(self.error(Category::Data, format!("missing field `{}`", fields[missing]))),
            None => Ok(()),
        }
    }

    /// Whether another key follows in an object (its opening quote is next).
    fn next_key(&mut self, first: &mut bool) -> Result<bool, JsonError> {
        let Some(peek) = self.whitespace() else { return Err(self.peek_eof("an object")) };
        if peek == b'}' {
            Ok(false)
        } else if std::mem::take(first) {
            if peek == b'"' {
                Ok(true)
            } else {
                Err(self.peek_error(Category::Syntax, "key must be a string"))
            }
        } else if peek == b',' {
            self.index += 1;
            match self.whitespace() {
                Some(b'"') => Ok(true),
                Some(b'}') => Err(self.peek_error(Category::Syntax, "trailing comma")),
                Some(_) => Err(self.peek_error(Category::Syntax, "key must be a string")),
                None => Err(self.peek_eof("a value")),
            }
        } else {
            Err(self.peek_error(Category::Syntax, "expected `,` or `}`"))
        }
    }

    fn end_object(&mut self) -> Result<(), JsonError> {
        match self.whitespace() {
            Some(b'}') => {
                self.index += 1;
                Ok(())
            }
            Some(b',') => Err(self.peek_error(Category::Syntax, "trailing comma")),
            Some(_) => Err(self.peek_error(Category::Syntax, "trailing characters")),
            None => Err(self.peek_eof("an object")),
        }
    }

    /// Reads a list, each element with `element`.
    pub(crate) fn list<T>(
        &mut self,
        expected: &str,
        mut element: impl FnMut(&mut Self) -> Result<T, JsonError>,
    ) -> Result<Vec<T>, JsonError> {
        if self.whitespace() != Some(b'[') {
            return Err(self.invalid_type(expected));
        }
        self.index += 1;
        let mut read = || -> Result<Vec<T>, JsonError> {
            let mut elements = Vec::new();
            let mut first = true;
            while self.next_element(&mut first)? {
                elements.push(element(self)?);
            }
            Ok(elements)
        };
        let elements = read();
        let end = self.end_list();
        match (elements, end) {
            (Err(error), _) => Err(error.placed(self.index)),
            (Ok(_), Err(error)) => Err(error),
            (Ok(elements), Ok(())) => Ok(elements),
        }
    }

    fn next_element(&mut self, first: &mut bool) -> Result<bool, JsonError> {
        let Some(peek) = self.whitespace() else { return Err(self.peek_eof("a list")) };
        if peek == b']' {
            Ok(false)
        } else if std::mem::take(first) {
            Ok(true)
        } else if peek == b',' {
            self.index += 1;
            match self.whitespace() {
                Some(b']') => Err(self.peek_error(Category::Syntax, "trailing comma")),
                Some(_) => Ok(true),
                None => Err(self.peek_eof("a value")),
            }
        } else {
            Err(self.peek_error(Category::Syntax, "expected `,` or `]`"))
        }
    }

    fn end_list(&mut self) -> Result<(), JsonError> {
        match self.whitespace() {
            Some(b']') => {
                self.index += 1;
                Ok(())
            }
            Some(b',') => {
                self.index += 1;
                match self.whitespace() {
                    Some(b']') => Err(self.peek_error(Category::Syntax, "trailing comma")),
                    _ => Err(self.peek_error(Category::Syntax, "trailing characters")),
                }
            }
            Some(_) => Err(self.peek_error(Category::Syntax, "trailing characters")),
            None => Err(self.peek_eof("a list")),
        }
    }

    // ------------------------------------------------------------ whole texts

    /// The fields of an object, in order, each with the byte range of its (checked)
    /// value: as serde_json read a map of `RawValue`s. A value of another kind is a
    /// `Data` error.
    pub(crate) fn raw_entries(&mut self) -> Result<Vec<RawEntry<'a>>, JsonError> {
        if self.whitespace() != Some(b'{') {
            return Err(self.invalid_type("a JSON object"));
        }
        self.index += 1;
        let mut entries = Vec::new();
        let mut first = true;
        let mut read = || {
            while let Some(key) = self.next_entry(&mut first)? {
                let start = self.index;
                self.skip_value()?;
                entries.push((key, start..self.index));
            }
            Ok(())
        };
        let read = read();
        let end = self.end_object();
        read.map_err(|error: JsonError| error.placed(self.index))?;
        end?;
        Ok(entries)
    }

    /// Reads an object's next key and the colon after it, up to its value: `None` at the
    /// object's end.
    fn next_entry(&mut self, first: &mut bool) -> Result<Option<Cow<'a, str>>, JsonError> {
        if !self.next_key(first)? {
            return Ok(None);
        }
        self.index += 1;
        let key = self.string_body()?;
        self.colon()?;
        self.whitespace();
        Ok(Some(key))
    }

    /// When the text is an object whose keys begin with `keys`, in that order: the byte
    /// ranges of the (checked) values of all but the last, and where the last one's value
    /// starts, unread. `None` when the text does not begin so, or has an error before
    /// that point: the caller then reads it another way, which finds and places the errors.
    pub(crate) fn leading_fields(&mut self, keys: &[&str]) -> Option<(Vec<std::ops::Range<usize>>, usize)> {
        if self.whitespace() != Some(b'{') {
            return None;
        }
        self.index += 1;
        let mut first = true;
        let mut ranges = Vec::new();
        for (position, key) in keys.iter().enumerate() {
            if self.next_entry(&mut first).ok()?? != *key {
                return None;
            }
            let start = self.index;
            if position + 1 == keys.len() {
                return Some((ranges, start));
            }
            self.skip_value().ok()?;
            ranges.push(start..self.index);
        }
        None
    }

    /// The byte ranges of the elements of a (checked) list.
    pub(crate) fn raw_elements(&mut self) -> Result<Vec<std::ops::Range<usize>>, JsonError> {
        self.list("a sequence", |json| {
            json.whitespace();
            let start = json.index;
            json.skip_value()?;
            Ok(start..json.index)
        })
    }
}

/// A field of an object: its key and the byte range of its value.
pub(crate) type RawEntry<'a> = (Cow<'a, str>, std::ops::Range<usize>);

/// serde's message for an unknown field.
fn unknown_field(key: &str, fields: &[&str]) -> String {
    let quoted: Vec<String> = fields.iter().map(|field| format!("`{field}`")).collect();
    match quoted.as_slice() {
        [] => format!("unknown field `{key}`, there are no fields"),
        [only] => format!("unknown field `{key}`, expected {only}"),
        [first, second] => format!("unknown field `{key}`, expected {first} or {second}"),
        _ => format!("unknown field `{key}`, expected one of {}", quoted.join(", ")),
    }
}

/// serde's message for an unknown name of a choice (`variants`).
pub(crate) fn unknown_variant(name: &str, variants: &[&str]) -> String {
    let quoted: Vec<String> = variants.iter().map(|variant| format!("`{variant}`")).collect();
    match quoted.as_slice() {
        [first, second] => format!("unknown variant `{name}`, expected {first} or {second}"),
        _ => format!("unknown variant `{name}`, expected one of {}", quoted.join(", ")),
    }
}

/// Whether a well-formed number (without its sign) is too large for a 64-bit float,
/// by its decimal exponent and leading digits (no floating point, which is large in wasm).
fn beyond_double(number: &str) -> bool {
    let (mantissa, exponent) = match number.find(['e', 'E']) {
        Some(at) => (&number[..at], &number[at + 1..]),
        None => (number, "0"),
    };
    let (integer, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let exponent_negative = exponent.starts_with('-');
    let exponent_digits = exponent.trim_start_matches(['+', '-']).trim_start_matches('0');
    let exponent: i64 = if exponent_digits.len() > 12 {
        if exponent_negative {
            return false;
        }
        i64::MAX / 2
    } else {
        let value = exponent_digits.parse::<i64>().unwrap_or(0);
        if exponent_negative {
            -value
        } else {
            value
        }
    };
    let digits: String = integer.chars().chain(fraction.chars()).collect();
    let significant = digits.trim_start_matches('0');
    if significant.is_empty() {
        return false;
    }
    // The value is 0.<significant> × 10^scale.
    let scale = integer.len() as i64 - (digits.len() - significant.len()) as i64 + exponent;
    match scale.cmp(&309) {
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Greater => true,
        // Halfway between f64::MAX and the next power of two rounds up to infinity.
        std::cmp::Ordering::Equal => significant.trim_end_matches('0') >= "17976931348623158079372897140530341507993",
    }
}

// ------------------------------------------------------------ writing

/// Writes JSON pretty-printed as serde_json does: two spaces per level, `"key": value`,
/// empty lists as `[]`.
pub(crate) struct Writer {
    pub text: String,
    depth: usize,
    /// No value was written yet in the innermost open list or object.
    first: bool,
}

impl Writer {
    pub(crate) fn new(capacity: usize) -> Self {
        Self { text: String::with_capacity(capacity), depth: 0, first: true }
    }

    fn new_line(&mut self) {
        self.text.push('\n');
        for _ in 0..self.depth {
            self.text.push_str("  ");
        }
    }

    /// Starts the next element of a list (or field of an object).
    pub(crate) fn next(&mut self) {
        if !self.first {
            self.text.push(',');
        }
        self.first = false;
        self.new_line();
    }

    pub(crate) fn open(&mut self, bracket: char) {
        self.text.push(bracket);
        self.depth += 1;
        self.first = true;
    }

    pub(crate) fn close(&mut self, bracket: char) {
        self.depth -= 1;
        if !self.first {
            self.new_line();
        }
        self.text.push(bracket);
        self.first = false;
    }

    /// Starts a field: `"name": `.
    pub(crate) fn key(&mut self, name: &str) {
        self.next();
        self.string(name);
        self.text.push_str(": ");
    }

    pub(crate) fn string(&mut self, value: &str) {
        push_string(&mut self.text, value);
    }

    pub(crate) fn number(&mut self, value: impl std::fmt::Display) {
        use std::fmt::Write as _;
        let _ = write!(self.text, "{value}");
    }

    pub(crate) fn null(&mut self) {
        self.text.push_str("null");
    }

    /// A list of strings.
    pub(crate) fn strings<'s>(&mut self, values: impl IntoIterator<Item = &'s str>) {
        self.open('[');
        for value in values {
            self.next();
            self.string(value);
        }
        self.close(']');
    }
}

/// Adds `value` as a JSON string literal, escaped as serde_json escapes.
pub(crate) fn push_string(text: &mut String, value: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    text.push('"');
    let mut run = 0;
    for (index, byte) in value.bytes().enumerate() {
        let escape: &str = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        text.push_str(&value[run..index]);
        if escape.is_empty() {
            text.push_str("\\u00");
            text.push(HEX[(byte >> 4) as usize] as char);
            text.push(HEX[(byte & 0xf) as usize] as char);
        } else {
            text.push_str(escape);
        }
        run = index + 1;
    }
    text.push_str(&value[run..]);
    text.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_too_large_for_a_double_are_found_without_floating_point() {
        for large in ["1e999", "1e309", "2e308", "1.8e308", "179769313486231580793728971405304e276", "1e99999999999999"]
        {
            assert!(beyond_double(large), "{large}");
        }
        for fine in ["1e308", "1.7976931348623157e308", "0.0000e999", "1e-99999999999999", "123", "0", "1.5"] {
            assert!(!beyond_double(fine), "{fine}");
        }
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut text = String::new();
        push_string(&mut text, "a\"b\\c\nd\u{1}é\u{7f}\t\u{8}\u{c}\r/");
        assert_eq!(text, r#""a\"b\\c\nd\u0001é\u007f\t\b\f\r/""#.replace("\\u007f", "\u{7f}"));
    }

    #[test]
    fn escapes_are_read_including_surrogate_pairs() {
        let mut json = Json::new(r#""a\u00e9\ud83d\ude00\n\/""#);
        assert_eq!(json.string("text").unwrap(), "aé😀\n/");
        for lone in [r#""\ud83d""#, r#""\ude00""#, r#""\ud83d\u0041""#] {
            assert_eq!(Json::new(lone).string("text").unwrap_err().category, Category::Syntax, "{lone}");
        }
    }

    #[test]
    fn checking_a_value_takes_any_depth_without_recursion() {
        let depth = 1_000_000;
        let nested = format!("{}1{}", "[{\"a\":".repeat(depth), "}]".repeat(depth));
        let mut json = Json::new(&nested);
        json.skip_value().unwrap();
        assert_eq!(json.index, nested.len());
        let unclosed = "[".repeat(depth);
        assert_eq!(Json::new(&unclosed).skip_value().unwrap_err().category, Category::Eof);
    }
}
