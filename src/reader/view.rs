//! Values read straight off the tape, without a serde visitor: what the providers' envelope
//! probes look at (a few top-level keys, the items of one array) and what they answer with (each
//! value's exact text). One walk of the object's keys, no value parsed that is not asked for.
//!
//! A repeated key is answered by its last occurrence ([`View::get`]), as everywhere else
//! (docs/mapping.md#limits-and-leniency).

use super::tape::{self, Node};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::borrow::Cow;

/// One value of a text being read: its place on the tape of the text that holds it. Only made
/// by [`super::view`].
#[derive(Clone, Copy)]
pub(crate) struct View<'t, 'a> {
    /// The text of the value [`super::view`] was asked for (this one or an ancestor).
    text: &'a str,
    /// The offset of `text` in the tape's input (node offsets count from the input's start).
    base: usize,
    tape: &'t [Node],
    at: usize,
}

impl<'t, 'a> View<'t, 'a> {
    /// The value at tape index `at` of `tape`, whose text is `text`, at offset `base` of the
    /// tape's input.
    pub(super) fn new(text: &'a str, base: usize, tape: &'t [Node], at: usize) -> Self {
        View {
            text,
            base,
            tape,
            at,
        }
    }

    /// What the view is made of, for a walk of the tape itself (the hot loop of
    /// [`super::shape`]): the text, its offset in the tape's input, the tape, and the value's
    /// index on it.
    pub(crate) fn parts(self) -> (&'a str, usize, &'t [Node], usize) {
        (self.text, self.base, self.tape, self.at)
    }

    /// The value at tape index `at` of the same tape (an index a walk of this value's tape
    /// gave, such as one [`super::shape`] kept from [`View::parts`]).
    pub(crate) fn at_index(self, at: usize) -> Self {
        View { at, ..self }
    }

    /// The slice of the input from offset `start` to `end`.
    fn slice(self, start: usize, end: usize) -> Option<&'a str> {
        self.text
            .get(start.checked_sub(self.base)?..end.checked_sub(self.base)?)
    }

    /// The value's first byte (its kind: `{`, `[`, `"`, `t`, `f`, `n`, or a number's first).
    pub(crate) fn first(self) -> u8 {
        self.tape
            .get(self.at)
            .and_then(|n| {
                let i = (n.start as usize).checked_sub(self.base)?;
                self.text.as_bytes().get(i)
            })
            .copied()
            .unwrap_or(0)
    }

    /// Whether the value is an array.
    pub(crate) fn is_array(self) -> bool {
        self.first() == b'['
    }

    /// Whether the value is an object.
    pub(crate) fn is_object(self) -> bool {
        self.first() == b'{'
    }

    /// The value's exact text.
    pub(crate) fn text(self) -> &'a str {
        let Some(n) = self.tape.get(self.at) else {
            return "";
        };
        tape::end(self.tape, self.at, self.first())
            .and_then(|end| self.slice(n.start as usize, end))
            .unwrap_or("")
    }

    /// The value's exact text as a `&RawValue` (what the typed reads and `remote_data` take).
    pub(crate) fn raw(self) -> Option<&'a RawValue> {
        let text = self.text();
        let base = self.tape.get(self.at)?.start as usize;
        let de = super::de::ValueDe {
            text,
            base,
            tape: self.tape,
            at: self.at,
            depth: 0,
        };
        <&RawValue>::deserialize(de).ok()
    }

    /// A string value, escapes decoded (borrowed when it has none); `None` for other kinds.
    pub(crate) fn as_str(self) -> Option<Cow<'a, str>> {
        if self.first() != b'"' {
            return None;
        }
        string(
            self.text(),
            self.tape.get(self.at).is_some_and(tape::escaped),
        )
    }

    /// The entries of an object in document order, repeats included (none for other kinds).
    pub(crate) fn entries(self) -> impl Iterator<Item = (Key<'a>, View<'t, 'a>)> {
        let (mut i, end) = self.children(b'{');
        let view = self;
        std::iter::from_fn(move || {
            if i + 1 >= end {
                return None;
            }
            let key = view.tape.get(i)?;
            let value = View { at: i + 1, ..view };
            i = tape::next(view.tape, i + 1, value.first())?;
            let text = view.slice(key.start as usize, (key.other & !tape::ESCAPED) as usize)?;
            Some((
                Key {
                    text,
                    escaped: tape::escaped(key),
                },
                value,
            ))
        })
    }

    /// The value of `key` in an object, its last occurrence when repeated; `None` when the key
    /// is missing or the value is no object.
    #[inline(never)]
    pub(crate) fn get(self, key: &str) -> Option<View<'t, 'a>> {
        // `entries().filter(..).last()`, with each key told apart by its length on the tape
        // before any slice is made: envelopes, recognizers and locators look keys up on every
        // call, and a key must be compared with all of an object's keys (the last one wins).
        let (mut i, end) = self.children(b'{');
        let bytes = self.text.as_bytes();
        let want = key.as_bytes();
        let quoted = want.len() + 2;
        let mut found = None;
        while i + 1 < end {
            let (Some(k), Some(v)) = (self.tape.get(i), self.tape.get(i + 1)) else {
                break;
            };
            let key_start = k.start as usize;
            let key_end = (k.other & !tape::ESCAPED) as usize;
            let matched = if tape::escaped(k) {
                self.slice(key_start, key_end).is_some_and(|text| {
                    Key {
                        text,
                        escaped: true,
                    }
                    .is(key)
                })
            } else {
                // The key's bytes between its quotes, compared in place.
                key_end.wrapping_sub(key_start) == quoted
                    && key_start
                        .checked_sub(self.base)
                        .and_then(|s| bytes.get(s + 1..s + 1 + want.len()))
                        == Some(want)
            };
            if matched {
                found = Some(View { at: i + 1, ..self });
            }
            // Past the value: its subtree for a container, else the next node.
            let first = (v.start as usize)
                .checked_sub(self.base)
                .and_then(|s| bytes.get(s))
                .copied()
                .unwrap_or(0);
            i = if tape::is_container(first) {
                v.other as usize
            } else {
                i + 2
            };
        }
        found
    }

    /// The items of an array in order (none for other kinds).
    pub(crate) fn items(self) -> impl Iterator<Item = View<'t, 'a>> {
        let (mut i, end) = self.children(b'[');
        let view = self;
        std::iter::from_fn(move || {
            if i >= end {
                return None;
            }
            let item = View { at: i, ..view };
            i = tape::next(view.tape, i, item.first())?;
            Some(item)
        })
    }

    /// Whether the value is a string.
    pub(crate) fn is_string(self) -> bool {
        self.first() == b'"'
    }

    /// Whether the value is `true` or `false`.
    pub(crate) fn is_boolean(self) -> bool {
        matches!(self.first(), b't' | b'f')
    }

    /// Whether the value is a number that `serde_json::Value` holds as an integer (`is_i64()`
    /// or `is_u64()`: its text reads as one).
    pub(crate) fn is_integer(self) -> bool {
        matches!(self.first(), b'-' | b'0'..=b'9')
            && crate::rules::raw_kind(self.text()) == "integer"
    }

    /// The object itself, `None` for other kinds (as `Value::as_object`).
    pub(crate) fn as_object(self) -> Option<Self> {
        self.is_object().then_some(self)
    }

    /// Whether an object has `key` (any value, `null` included).
    pub(crate) fn contains_key(self, key: &str) -> bool {
        self.entries().any(|(k, _)| k.is(key))
    }

    /// The tape range of the children of a container opened by `open` (empty for other values):
    /// from the node after the open to the close.
    fn children(self, open: u8) -> (usize, usize) {
        match self.tape.get(self.at) {
            Some(n) if self.first() == open => (self.at + 1, (n.other as usize).saturating_sub(1)),
            _ => (0, 0),
        }
    }
}

/// An object's key as the input writes it.
#[derive(Clone, Copy)]
pub(crate) struct Key<'a> {
    /// The key with its quotes.
    text: &'a str,
    /// Whether it has a backslash escape.
    escaped: bool,
}

impl<'a> Key<'a> {
    /// Whether the key, escapes decoded, is `name`.
    pub(crate) fn is(self, name: &str) -> bool {
        if self.escaped {
            self.decoded().as_deref() == Some(name)
        } else {
            self.text.len() == name.len() + 2 && self.text.get(1..self.text.len() - 1) == Some(name)
        }
    }

    /// The key, escapes decoded.
    pub(crate) fn decoded(self) -> Option<Cow<'a, str>> {
        string(self.text, self.escaped)
    }
}

/// The string written `text` (quotes included), escapes decoded when `escaped`.
fn string(text: &str, escaped: bool) -> Option<Cow<'_, str>> {
    if escaped {
        serde_json::from_str::<String>(text).ok().map(Cow::Owned)
    } else {
        text.get(1..text.len().checked_sub(1)?).map(Cow::Borrowed)
    }
}

#[cfg(test)]
mod tests {
    use super::super::view;

    #[test]
    fn entries_items_and_last_key() {
        let text = r#" {"a": [1, {"x": 2}, "s"], "b\u0061": "q\"", "a": {"k": []}, "n": -1.5e3} "#;
        view(text, |v| {
            assert!(v.is_object());
            let keys: Vec<String> = v
                .entries()
                .map(|(k, _)| k.decoded().unwrap().into_owned())
                .collect();
            assert_eq!(keys, ["a", "ba", "a", "n"]);
            assert_eq!(v.get("a").unwrap().text(), r#"{"k": []}"#);
            assert_eq!(v.get("ba").unwrap().as_str().unwrap(), "q\"");
            assert_eq!(v.get("n").unwrap().raw().unwrap().get(), "-1.5e3");
            assert!(v.get("x").is_none());
            let first = v.entries().next().unwrap().1;
            let items: Vec<&str> = first.items().map(|i| i.text()).collect();
            assert_eq!(items, ["1", r#"{"x": 2}"#, r#""s""#]);
            assert_eq!(v.get("a").unwrap().get("k").unwrap().items().count(), 0);
            assert!(first.get("x").is_none(), "an array has no keys");
        })
        .unwrap();
        assert!(view("{", |_| ()).is_err());
        view("[]", |v| assert_eq!(v.items().count(), 0)).unwrap();
        view("{}", |v| assert_eq!(v.entries().count(), 0)).unwrap();
    }

    #[test]
    fn get_is_the_last_entry_with_that_key() {
        let texts = [
            r#"{"id":1,"i\u0064":2,"idx":3,"":4,"id":{"id":5},"x":[{"id":6}]}"#,
            r#"{"\u0069d":[1],"id ":2,"i":"id"}"#,
            r#" { "id" : "a" , "id" : "b" } "#,
            "{}",
            r#"[{"id":1}]"#,
            r#""id""#,
        ];
        for text in texts {
            view(text, |v| {
                for key in ["id", "", "idx", "i", "id ", "x"] {
                    let want = v.entries().filter(|(k, _)| k.is(key)).last();
                    assert_eq!(
                        v.get(key).map(|v| v.text()),
                        want.map(|(_, v)| v.text()),
                        "{text} {key}"
                    );
                }
            })
            .unwrap();
        }
    }
}
