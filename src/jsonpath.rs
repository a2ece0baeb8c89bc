//! JSON paths of places in JSON text. Raw provider types are deserialized straight from the input
//! text (the hot path builds no `serde_json::Value`); serde_json reports a failure by line and
//! column, and this module turns that position back into the JSON path of the field at fault
//! (`$.latest_charge.amount`), so errors still name what to fix.

use crate::error::push_key;

enum Frame {
    Object {
        key: Option<String>,
        expecting_key: bool,
    },
    Array {
        index: usize,
    },
}

/// The byte offset of a 1-based `line` / `column` position in `text` (clamped to the text).
pub(crate) fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut line_start = 0;
    let mut current = 1;
    if line > 1 {
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                current += 1;
                if current == line {
                    line_start = i + 1;
                    break;
                }
            }
        }
    }
    line_start
        .saturating_add(column.saturating_sub(1))
        .min(text.len())
}

/// The path of the value being read at byte `offset` of one JSON text, and the path of the
/// object or array containing it: (`$.latest_charge.amount`, `$.latest_charge`). Bytes from
/// `offset` on are not read, so an error reported on a closing `}` names that object.
pub(crate) fn path_at(text: &str, offset: usize) -> (String, String) {
    let bytes = text.as_bytes();
    let end = offset.min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        match bytes.get(i).copied().unwrap_or(b' ') {
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while j < bytes.len() {
                    match bytes.get(j).copied() {
                        Some(b'\\') => j += 2,
                        Some(b'"') => break,
                        _ => j += 1,
                    }
                }
                if let Some(Frame::Object {
                    key,
                    expecting_key: true,
                }) = stack.last_mut()
                {
                    let raw = text.get(start..j.min(text.len())).unwrap_or("");
                    // Keys with escapes are rare; unescape them properly when present.
                    *key = Some(if raw.contains('\\') {
                        serde_json::from_str::<String>(text.get(i..=j).unwrap_or("\"\""))
                            .unwrap_or_else(|_| raw.to_string())
                    } else {
                        raw.to_string()
                    });
                }
                i = j + 1;
                continue;
            }
            b':' => {
                if let Some(Frame::Object { expecting_key, .. }) = stack.last_mut() {
                    *expecting_key = false;
                }
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { key, expecting_key }) => {
                    *key = None;
                    *expecting_key = true;
                }
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            b'{' => stack.push(Frame::Object {
                key: None,
                expecting_key: true,
            }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            _ => {}
        }
        i += 1;
    }
    // serde_json reads a whole object or array of the wrong type before it reports it, so an
    // error on a closing bracket is about that container, not its last member.
    let on_close = matches!(bytes.get(end), Some(b'}' | b']'));
    let render = |frames: &[Frame], with_last: bool| {
        let mut out = String::from("$");
        let n = frames.len();
        for (k, f) in frames.iter().enumerate() {
            if k + 1 == n && !with_last {
                break;
            }
            match f {
                Frame::Object { key: Some(key), .. } => push_key(&mut out, key),
                Frame::Object { key: None, .. } => {}
                Frame::Array { index } => out.push_str(&format!("[{index}]")),
            }
        }
        out
    };
    let container = render(&stack, false);
    if on_close {
        return (container.clone(), container);
    }
    (render(&stack, true), container)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, needle: &str) -> (String, String) {
        let off = text.find(needle).unwrap() + needle.len() - 1;
        path_at(text, off)
    }

    #[test]
    fn paths_of_values() {
        let t = r#"{"id":"x","amount":"5000","latest_charge":{"refunds":{"data":[{"a":1},{"b":"z"}]}}}"#;
        assert_eq!(at(t, r#""5000""#).0, "$.amount");
        assert_eq!(at(t, r#""z""#).0, "$.latest_charge.refunds.data[1].b");
        let close = t.find("}}}").unwrap();
        assert_eq!(path_at(t, close).1, "$.latest_charge.refunds");
    }

    #[test]
    fn errors_on_a_closing_bracket_name_the_container() {
        let t = r#"{"id":"x","customer":[1,2],"meta":{"a":1}}"#;
        assert_eq!(path_at(t, t.find("]").unwrap()).0, "$.customer");
        assert_eq!(path_at(t, t.find("}}").unwrap()).0, "$.meta");
        assert_eq!(path_at(t, t.len() - 1).1, "$");
    }

    #[test]
    fn odd_keys_and_escapes() {
        let t = "{\"created_at \": \"x\", \"q\\\"k\": [1, {\"v\": \"a\\\"b\"}]}";
        assert_eq!(at(t, "\"x\"").0, "$[\"created_at \"]");
        assert_eq!(at(t, "a\\\"b\"").0, "$[\"q\\\"k\"][1].v");
    }

    #[test]
    fn line_and_column() {
        let t = "{\n  \"a\": 1,\n  \"b\": true\n}";
        let off = offset_of(t, 3, 11);
        assert_eq!(t.get(off..off + 1), Some("e"));
        assert_eq!(path_at(t, off).0, "$.b");
        assert_eq!(offset_of(t, 99, 99), t.len());
    }
}
