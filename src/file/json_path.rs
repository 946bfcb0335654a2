//! Finds the JSON path (`plan.tasks[3].duration`) of a position in a JSON text, so a
//! type error reported at a line and column can also name the field. A small scanner
//! instead of path tracking during deserialisation keeps the WebAssembly build small.

enum Frame {
    Object { key: Option<String>, in_value: bool },
    Array { index: usize },
}

/// The path, below `root`, of the value being read at byte `offset` of `text`.
pub fn path_at(text: &str, offset: usize, root: &str) -> String {
    let bytes = text.as_bytes();
    let end = offset.min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut position = 0;
    while position < end {
        match bytes[position] {
            b'{' => stack.push(Frame::Object { key: None, in_value: false }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { key, in_value }) => {
                    *key = None;
                    *in_value = false;
                }
                None => {}
            },
            b':' => {
                if let Some(Frame::Object { in_value, .. }) = stack.last_mut() {
                    *in_value = true;
                }
            }
            b'"' => {
                let (string, next) = read_string(bytes, position + 1);
                if let Some(Frame::Object { key, in_value: false }) = stack.last_mut() {
                    *key = Some(string);
                }
                position = next;
                continue;
            }
            _ => {}
        }
        position += 1;
    }
    let mut path = root.to_string();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(key), .. } => push_key(&mut path, key, false),
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

/// Adds a key to a path: `.name` for a plain name, else `["the key"]` with the key as a
/// JSON string, so an empty key or one with dots, spaces or line breaks still reads as
/// one place. Unless `decoded`, `key` is the inside of a JSON string literal
/// (as written in the file), not the text it stands for.
pub fn push_key(path: &mut String, key: &str, decoded: bool) {
    let plain = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if plain {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
    } else if decoded {
        path.push('[');
        super::json::push_string(path, key);
        path.push(']');
    } else {
        path.push_str("[\"");
        path.push_str(key);
        path.push_str("\"]");
    }
}

/// Reads a JSON string starting after its opening quote; returns its inside as written
/// (escapes kept) and the position after its closing quote.
fn read_string(bytes: &[u8], start: usize) -> (String, usize) {
    let mut position = start;
    while position < bytes.len() {
        match bytes[position] {
            b'"' => return (String::from_utf8_lossy(&bytes[start..position]).into_owned(), position + 1),
            b'\\' => position += 2,
            _ => position += 1,
        }
    }
    (String::from_utf8_lossy(&bytes[start..]).into_owned(), position)
}

#[cfg(test)]
mod tests {
    use super::path_at;

    fn path_before(text: &str, marker: &str) -> String {
        path_at(text, text.find(marker).unwrap(), "plan")
    }

    #[test]
    fn names_fields_and_indices() {
        let text = r#"{"tasks": [{"id": "T1", "duration": 1}, {"id": "T2", "duration": "five"}]}"#;
        assert_eq!(path_before(text, r#"five"#), "plan.tasks[1].duration");
        assert_eq!(path_before(text, r#"T1"#), "plan.tasks[0].id");
    }

    #[test]
    fn a_closed_object_is_left() {
        let text = r#"{"people": [], "tasks": [{"id": "T1"}, {"id": "T2"} ]}"#;
        assert_eq!(path_before(text, " ]"), "plan.tasks[1]");
    }

    #[test]
    fn keys_that_are_not_plain_names_are_quoted_as_written() {
        let text = r#"{"tasks": [{"": 1, "a \"b\" c": 2, "line\nbreak": 3, "dotted.key": 4}]}"#;
        assert_eq!(path_before(text, "1,"), r#"plan.tasks[0][""]"#);
        assert_eq!(path_before(text, "2,"), r#"plan.tasks[0]["a \"b\" c"]"#);
        assert_eq!(path_before(text, "3,"), r#"plan.tasks[0]["line\nbreak"]"#);
        assert_eq!(path_before(text, "4}"), r#"plan.tasks[0]["dotted.key"]"#);
    }

    #[test]
    fn strings_with_brackets_and_escaped_quotes_do_not_confuse_it() {
        let text = r#"{"name": "a \"[{\" b", "start": 5}"#;
        assert_eq!(path_before(text, "5}"), "plan.start");
    }
}
