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
            Frame::Object { key: Some(key), .. } => {
                path.push('.');
                path.push_str(key);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

/// Reads a JSON string starting after its opening quote; returns it and the position
/// after its closing quote. Escapes are kept as written except `\"` and `\\`.
fn read_string(bytes: &[u8], start: usize) -> (String, usize) {
    let mut text = Vec::new();
    let mut position = start;
    while position < bytes.len() {
        match bytes[position] {
            b'"' => return (String::from_utf8_lossy(&text).into_owned(), position + 1),
            b'\\' if position + 1 < bytes.len() => {
                let escaped = bytes[position + 1];
                if escaped != b'"' && escaped != b'\\' {
                    text.push(b'\\');
                }
                text.push(escaped);
                position += 2;
            }
            byte => {
                text.push(byte);
                position += 1;
            }
        }
    }
    (String::from_utf8_lossy(&text).into_owned(), position)
}

/// The byte offset of a line and column (both from 1, columns counted in bytes).
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut line_start = 0;
    for _ in 1..line {
        match text[line_start..].find('\n') {
            Some(newline) => line_start += newline + 1,
            None => return text.len(),
        }
    }
    (line_start + column).min(text.len())
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
    fn strings_with_brackets_and_escaped_quotes_do_not_confuse_it() {
        let text = r#"{"name": "a \"[{\" b", "start": 5}"#;
        assert_eq!(path_before(text, "5}"), "plan.start");
    }
}
