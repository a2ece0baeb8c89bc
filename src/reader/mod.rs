//! The reading layer (issue 8): the input is scanned once into a tape ([`tape`]), and every
//! later read of it, by any provider, walks that tape instead of the text.
//!
//! A call to [`crate::normalize_with`] builds the tape of its input and opens a [`Reading`] for
//! the duration of the call. Providers read their raw types with [`from_str`], which has
//! serde_json's signature and answers as serde_json would, errors included (see [`de`]): when
//! the text it is given is a value of an open reading's input, from that reading's tape
//! (unknown keys are skipped by a lookup, strings stay borrowed); any other text gets a tape of
//! its own first. serde_json's own reader only reports what the tape refuses (broken JSON) and
//! parses into `Value` where a whole tree is wanted.
//!
//! Natively, [`careful`] runs the engine as it was before the tape (the limits pass, then
//! serde_json's reader for every read): `tests/reader.rs` and the fuzz harness check that both
//! give the same answer. The WebAssembly build does not carry that second reader.

mod de;
pub(crate) mod shape;
pub(crate) mod tape;
pub(crate) mod view;

use serde::de::DeserializeSeed;
use std::cell::{Cell, RefCell};
use tape::Node;

/// An open reading: the input's address and length, its tape, and what the pass noted.
struct Context {
    input: usize,
    len: usize,
    tape: Vec<Node>,
    found: tape::Found,
}

thread_local! {
    /// The open readings, innermost last.
    static READINGS: RefCell<Vec<Context>> = const { RefCell::new(Vec::new()) };
    /// A tape kept between calls so that the next one does not allocate again.
    static SPARE: Cell<Vec<Node>> = const { Cell::new(Vec::new()) };
    /// Set by [`careful`].
    static CAREFUL: Cell<bool> = const { Cell::new(false) };
    /// How many reads a tape answered on this thread (tests check the tape is used).
    static ANSWERED: Cell<u64> = const { Cell::new(0) };
}

/// How many reads a tape has answered on this thread so far (for tests).
#[doc(hidden)]
pub fn tape_reads() -> u64 {
    ANSWERED.get()
}

/// A tape larger than this (in nodes; 8 bytes each) is released after the call rather than
/// kept for the next one, so that one large input does not pin its tape for the instance's life.
const KEEP_NODES: usize = 4 * 1024 * 1024 / std::mem::size_of::<Node>();

/// An open reading of one input: while it lives, [`from_str`] reads values of that input from
/// its tape. Closed on drop.
pub(crate) struct Reading<'a> {
    /// Whether this reading pushed a context of its own (one opened on a value of an open
    /// reading's input reads that reading's tape and pushes nothing).
    pushed: bool,
    /// The input outlives the reading; the reading stays on its thread.
    _input: std::marker::PhantomData<(&'a str, *const ())>,
}

impl<'a> Reading<'a> {
    /// Builds the tape of `text` and opens a reading of it: what the pass noted, or `None`
    /// when the tape refuses the input (then serde_json and the limits pass say why). When
    /// `text` is one value of an open reading's input in which the pass noted nothing (the
    /// object inside a webhook event), that reading's tape serves and none is built.
    pub(crate) fn open(text: &'a str) -> Option<(Reading<'a>, tape::Found)> {
        let nested = READINGS.with(|r| {
            let readings = r.try_borrow().ok()?;
            let (context, _, _) = locate(&readings, trim(text))?;
            (context.found == tape::Found::default()).then_some(())
        });
        if nested.is_some() {
            return Some((
                Reading {
                    pushed: false,
                    _input: std::marker::PhantomData,
                },
                tape::Found::default(),
            ));
        }
        let mut nodes = SPARE.take();
        let Some(found) = tape::build(text.as_bytes(), &mut nodes) else {
            release(nodes);
            return None;
        };
        let context = Context {
            input: text.as_ptr() as usize,
            len: text.len(),
            tape: nodes,
            found,
        };
        let pushed = READINGS.with(|r| match r.try_borrow_mut() {
            Ok(mut readings) => {
                readings.push(context);
                None
            }
            // Opened from inside a read (not done today): keep the tape out of the way.
            Err(_) => Some(context),
        });
        if let Some(context) = pushed {
            release(context.tape);
            return None;
        }
        Some((
            Reading {
                pushed: true,
                _input: std::marker::PhantomData,
            },
            found,
        ))
    }
}

/// Keeps `nodes` as the spare tape unless it is large.
fn release(mut nodes: Vec<Node>) {
    if nodes.capacity() > KEEP_NODES {
        nodes = Vec::new();
    }
    nodes.clear();
    let spare = SPARE.take();
    SPARE.set(if spare.capacity() > nodes.capacity() {
        spare
    } else {
        nodes
    });
}

impl Drop for Reading<'_> {
    fn drop(&mut self) {
        if !self.pushed {
            return;
        }
        let context = READINGS.with(|r| r.try_borrow_mut().ok().and_then(|mut r| r.pop()));
        if let Some(context) = context {
            release(context.tape);
        }
    }
}

/// Whether [`careful`] is on (natively only: the WebAssembly build has no second reader).
pub(crate) fn is_careful() -> bool {
    cfg!(not(target_arch = "wasm32")) && CAREFUL.get()
}

/// Runs `f` with every input read the careful way (the limits pass and serde_json), as the
/// engine did before the tape: the reference the tape is tested against. Natively only; in
/// WebAssembly it just runs `f`.
#[doc(hidden)]
pub fn careful<R>(f: impl FnOnce() -> R) -> R {
    let before = CAREFUL.replace(true);
    let out = f();
    CAREFUL.set(before);
    out
}

/// `text` without the JSON whitespace around it. Not inlined: it is called from every
/// instance of the generic reads.
#[inline(never)]
fn trim(text: &str) -> &str {
    // Byte by byte: JSON whitespace is ASCII, so no character needs decoding (std's
    // `trim_matches` with a char set does, from both ends, on every view of every call).
    let is_space = |b: &u8| matches!(b, b' ' | b'\n' | b'\r' | b'\t');
    let bytes = text.as_bytes();
    let start = bytes
        .iter()
        .position(|b| !is_space(b))
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !is_space(b))
        .map_or(start, |i| i + 1);
    text.get(start..end).unwrap_or("")
}

/// The open reading whose input holds the value `value` (no surrounding whitespace): the
/// reading, the value's offset in its input and its tape index.
fn locate<'r>(readings: &'r [Context], value: &str) -> Option<(&'r Context, usize, usize)> {
    let start = value.as_ptr() as usize;
    let context = readings
        .iter()
        .rev()
        .find(|c| start >= c.input && start - c.input + value.len() <= c.len && c.len > 0)?;
    let offset = start - context.input;
    // Nodes are in document order, so their starts increase strictly; the input's own value
    // (one payload mapped whole) is the first.
    let at = match context.tape.first() {
        Some(root) if root.start as usize == offset => 0,
        _ => context
            .tape
            .binary_search_by_key(&offset, |n| n.start as usize)
            .ok()?,
    };
    let first = *value.as_bytes().first()?;
    if tape::end(&context.tape, at, first) != Some(offset + value.len()) {
        return None;
    }
    Some((context, offset, at))
}

/// Reads the value `text` with `seed` from the open reading whose input holds it; `None` when no
/// open reading holds it.
fn from_open<'a, S: DeserializeSeed<'a>>(
    text: &'a str,
    seed: S,
) -> Option<Result<S::Value, serde_json::Error>> {
    let value = trim(text);
    READINGS.with(|r| {
        let readings = r.try_borrow().ok()?;
        let (context, offset, at) = locate(&readings, value)?;
        Some(read_at(text, value, offset, &context.tape, at, seed))
    })
}

/// Runs `f` on the JSON value `text` seen on a tape ([`view::View`]): the tape of the open
/// reading that holds it, else one of its own. Errors: serde_json's, when `text` is not JSON
/// the tape takes (inputs of a reading are checked when it opens).
pub(crate) fn view<'a, R>(
    text: &'a str,
    f: impl FnOnce(view::View<'_, 'a>) -> R,
) -> serde_json::Result<R> {
    let value = trim(text);
    let mut f = Some(f);
    let answered = READINGS.with(|r| {
        let readings = r.try_borrow().ok()?;
        let (context, offset, at) = locate(&readings, value)?;
        let f = f.take()?;
        Some(f(view::View::new(value, offset, &context.tape, at)))
    });
    if let Some(answer) = answered {
        return Ok(answer);
    }
    let f = f.ok_or_else(|| serde::de::Error::custom("paynorm: read twice"))?;
    let mut nodes = SPARE.take();
    let answer = match tape::build(text.as_bytes(), &mut nodes) {
        Some(_) => {
            let base = value.as_ptr() as usize - text.as_ptr() as usize;
            Ok(f(view::View::new(value, base, &nodes, 0)))
        }
        None => Err(syntax_error(text)),
    };
    release(nodes);
    answer
}

/// Reads the node `at` of `tape` with `seed`: its text is `value` (`text` without surrounding
/// whitespace), at offset `base` of the tape's input.
fn read_at<'a, S: DeserializeSeed<'a>>(
    text: &str,
    value: &'a str,
    base: usize,
    tape: &[Node],
    at: usize,
    seed: S,
) -> Result<S::Value, serde_json::Error> {
    let de = de::ValueDe {
        text: value,
        base,
        tape,
        at,
        depth: 0,
    };
    match seed.deserialize(de) {
        Ok(v) => {
            ANSWERED.set(ANSWERED.get() + 1);
            Ok(v)
        }
        Err(e) => {
            // serde_json counts lines and columns in the text it was given.
            let lead = value.as_ptr() as usize - text.as_ptr() as usize;
            Err(json_error(e, text, lead))
        }
    }
}

/// A tape error as serde_json reports the same one: its message with serde_json's line and
/// column of the position in `text`.
/// `lead` is the offset in `text` of the value the tape read (positions are relative to it).
/// Cold and kept out of line: it is only for errors, and `read_at` is instantiated per type.
#[cold]
#[inline(never)]
fn json_error(e: de::TapeError, text: &str, lead: usize) -> serde_json::Error {
    use serde::de::Error as _;
    let e = e.into_parts();
    let Some(pos) = e.pos else {
        return e.error;
    };
    let index = match pos {
        de::Pos::At(i) => i,
        de::Pos::Peek(i) => i + 1,
    }
    .saturating_add(lead)
    .min(text.len());
    let bytes = text.as_bytes();
    let line_start = memchr::memrchr(b'\n', &bytes[..index]).map_or(0, |p| p + 1);
    let line = 1 + memchr::memchr_iter(b'\n', &bytes[..line_start]).count();
    let column = index - line_start;
    match e.syntax {
        Some(syntax) => syntax_error_at(syntax, line, column),
        None => {
            serde_json::Error::custom(format_args!("{} at line {line} column {column}", e.error))
        }
    }
}

#[cold]
#[inline(never)]
/// serde_json's syntax error `syntax` at `line` and `column`: only serde_json's reader makes
/// syntax errors, so it reads a text made to fail that way at that place.
fn syntax_error_at(syntax: de::Syntax, line: usize, column: usize) -> serde_json::Error {
    use serde::de::Error as _;
    // Lines before, then the failing line; `column` is one past the offending byte's index in
    // its line (serde_json's peek position). When the line is too short to hold what must come
    // before the offending byte, that goes on the line before (a read at line 1 always has
    // room: it is past everything the offending byte closes).
    let text = |before: &str, min: usize, last: &str| {
        let mut t = String::new();
        if column >= min {
            t.push_str(&"\n".repeat(line.saturating_sub(1)));
            t.push_str(before);
            t.push_str(&" ".repeat(column - min));
        } else {
            t.push_str(&"\n".repeat(line.saturating_sub(2)));
            t.push_str(before);
            t.push('\n');
            t.push_str(&" ".repeat(column.saturating_sub(1)));
        }
        t.push_str(last);
        t
    };
    let made = match syntax {
        de::Syntax::Recursion => {
            serde_json::from_str::<serde_json::Value>(&text(&"[".repeat(127), 128, "["))
        }
        de::Syntax::TrailingComma => {
            serde_json::from_str::<serde_json::Value>(&text("[0,", 4, "]"))
        }
        de::Syntax::TrailingCharacters => {
            serde_json::from_str::<serde_json::Value>(&text("0", 2, "x"))
        }
        de::Syntax::ExpectedValue => serde_json::from_str::<serde_json::Value>(&text("", 1, "x")),
    };
    let wanted = match syntax {
        de::Syntax::Recursion => "recursion limit exceeded",
        de::Syntax::TrailingComma => "trailing comma",
        de::Syntax::TrailingCharacters => "trailing characters",
        de::Syntax::ExpectedValue => "expected value",
    };
    match made {
        Err(e) if e.line() == line && e.column() == column => e,
        _ => serde_json::Error::custom(format_args!("{wanted} at line {line} column {column}")),
    }
}

/// `serde_json::from_str`: the same value, or the same error (message, line and column), read
/// from a tape (see the module docs).
pub(crate) fn from_str<'a, T: serde::Deserialize<'a>>(text: &'a str) -> serde_json::Result<T> {
    from_str_seed(text, std::marker::PhantomData::<T>)
}

/// [`from_str`] with a seed (a visitor with state): `serde_json::Deserializer::from_str`, the
/// seed, then `end()`.
pub(crate) fn from_str_seed<'a, S: DeserializeSeed<'a>>(
    text: &'a str,
    seed: S,
) -> serde_json::Result<S::Value> {
    #[cfg(not(target_arch = "wasm32"))]
    if is_careful() {
        let mut de = serde_json::Deserializer::from_str(text);
        let value = seed.deserialize(&mut de)?;
        de.end()?;
        return Ok(value);
    }
    // `seed` moves into whichever read runs; the open reading is asked first.
    let mut seed = Some(seed);
    if let Some(answer) = from_open(text, Taken(&mut seed)) {
        return answer;
    }
    let Some(seed) = seed else {
        return Err(serde::de::Error::custom("paynorm: read twice"));
    };
    // A text of its own (a copy, a fragment): a tape for it alone.
    let mut nodes = SPARE.take();
    let answer = match tape::build(text.as_bytes(), &mut nodes) {
        Some(_) => {
            let value = trim(text);
            let base = value.as_ptr() as usize - text.as_ptr() as usize;
            read_at(text, value, base, &nodes, 0, seed)
        }
        // Broken JSON (or an escaped lone surrogate): serde_json words the error.
        None => Err(syntax_error(text)),
    };
    release(nodes);
    answer
}

/// serde_json's error for a text the tape refuses.
fn syntax_error(text: &str) -> serde_json::Error {
    match serde_json::from_str::<serde::de::IgnoredAny>(text) {
        Err(e) => e,
        // Valid for serde_json's skipping, refused by the limits (depth, lone surrogates).
        Ok(_) => serde::de::Error::custom(match crate::scan::scan(text) {
            Err(e) => e.message,
            Ok(_) => "input is not valid JSON".to_string(),
        }),
    }
}

/// A seed taken out of an `Option` when the read runs (so that the caller keeps it when the
/// open readings do not hold the text).
struct Taken<'s, S>(&'s mut Option<S>);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Taken<'_, S> {
    type Value = S::Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        match self.0.take() {
            Some(seed) => seed.deserialize(d),
            None => Err(serde::de::Error::custom("paynorm: read twice")),
        }
    }
}

/// For the fuzz harness (`fuzz/fuzz_targets/reader.rs`): reads `text` as a `serde_json::Value`,
/// a `&RawValue` and a struct of assorted field types, each through [`from_str`] (the tape,
/// or serde_json itself under [`careful`]), and returns each result as text (the value, or the
/// error's message with its line and column), so that the two ways can be compared.
#[doc(hidden)]
pub fn fuzz_reads(text: &str) -> [String; 3] {
    /// Field types the providers read: numbers of each hint, strings, options, sequences,
    /// nested structs and raw values.
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Assorted<'a> {
        #[serde(borrow)]
        id: Option<std::borrow::Cow<'a, str>>,
        amount: Option<u64>,
        delta: Option<i64>,
        small: Option<u8>,
        ratio: Option<f64>,
        flag: Option<bool>,
        list: Option<Vec<Inner<'a>>>,
        #[serde(borrow)]
        raw: Option<&'a serde_json::value::RawValue>,
        number: Option<serde_json::Number>,
        tuple: Option<(u32, String)>,
        unit: Option<()>,
        kind: Option<Kind>,
    }

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Inner<'a> {
        #[serde(borrow)]
        name: std::borrow::Cow<'a, str>,
        value: Option<serde_json::Value>,
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(rename_all = "lowercase")]
    enum Kind {
        Card,
        Bank,
    }

    fn show<T: std::fmt::Debug>(r: serde_json::Result<T>) -> String {
        match r {
            Ok(v) => format!("ok {v:?}"),
            Err(e) => format!(
                "error {e} (line {} column {}, {:?})",
                e.line(),
                e.column(),
                e.classify()
            ),
        }
    }
    // The engine refuses a number beyond a double's range before any read (`invalid_payload`,
    // src/scan.rs); such texts are not the reader's to answer.
    if tape::build(text.as_bytes(), &mut Vec::new()).is_some_and(|f| f.out_of_range.is_some()) {
        return [(); 3].map(|()| "out of range".to_string());
    }
    // One reading open over the text, as `normalize` has; reads of the text use its tape.
    let _reading = if is_careful() {
        None
    } else {
        Reading::open(text)
    };
    [
        show(from_str::<serde_json::Value>(text)),
        show(from_str::<&serde_json::value::RawValue>(text).map(|r| r.get().to_string())),
        show(from_str::<Assorted<'_>>(text)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_takes_json_whitespace_only() {
        for (text, want) in [
            ("", ""),
            (" \t\r\n", ""),
            (" {} ", "{}"),
            ("\n[1, 2]\t", "[1, 2]"),
            ("\u{a0}1\u{a0}", "\u{a0}1\u{a0}"),
            ("\u{feff} \"é\" \u{2028}", "\u{feff} \"é\" \u{2028}"),
            ("\x0b1\x0c", "\x0b1\x0c"),
        ] {
            assert_eq!(trim(text), want, "{text:?}");
            assert_eq!(trim(text), text.trim_matches([' ', '\n', '\r', '\t']));
        }
    }

    /// Each syntax error the tape can meet, as serde_json gives it, made at the same place.
    #[test]
    fn syntax_errors_are_serde_json_s_own() {
        let deep = |line_break: bool| {
            // 128 levels: what the tape takes, and one more than serde_json reads.
            let text = if line_break {
                format!("{{\"a\":\n{}{}}}", "[".repeat(127), "]".repeat(127))
            } else {
                format!("{}{}", "[".repeat(128), "]".repeat(128))
            };
            text
        };
        let cases: Vec<(String, serde_json::Error)> = vec![
            (
                "[1, 2]".into(),
                serde_json::from_str::<(u8,)>("[1, 2]").unwrap_err(),
            ),
            (
                "[1,\n 2]".into(),
                serde_json::from_str::<(u8,)>("[1,\n 2]").unwrap_err(),
            ),
            (
                "[1,\n2]".into(),
                serde_json::from_str::<(u8,)>("[1,\n2]").unwrap_err(),
            ),
            (
                deep(false),
                serde_json::from_str::<serde_json::Value>(&deep(false)).unwrap_err(),
            ),
            (
                deep(true),
                serde_json::from_str::<serde_json::Value>(&deep(true)).unwrap_err(),
            ),
        ];
        for (text, want) in cases {
            let got = from_str::<serde_json::Value>(&text)
                .and_then(|_| from_str::<(u8,)>(&text).map(|_| serde_json::Value::Null));
            let got = got.expect_err(&text);
            assert_eq!(got.to_string(), want.to_string(), "{text}");
            assert_eq!(got.classify(), want.classify(), "{text}");
        }
        for (syntax, line, column) in [
            (de::Syntax::TrailingCharacters, 1, 2),
            (de::Syntax::TrailingCharacters, 3, 1),
            (de::Syntax::TrailingComma, 1, 4),
            (de::Syntax::TrailingComma, 2, 1),
            (de::Syntax::Recursion, 1, 128),
            (de::Syntax::Recursion, 2, 3),
            (de::Syntax::ExpectedValue, 1, 1),
            (de::Syntax::ExpectedValue, 4, 9),
        ] {
            let e = syntax_error_at(syntax, line, column);
            assert_eq!((e.line(), e.column()), (line, column), "{syntax:?}");
            assert_eq!(
                e.classify(),
                serde_json::error::Category::Syntax,
                "{syntax:?}"
            );
        }
    }
}
