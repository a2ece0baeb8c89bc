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
pub(crate) mod tape;

use serde::de::DeserializeSeed;
use std::cell::{Cell, RefCell};
use tape::Node;

/// An open reading: the input's address and length, and its tape.
struct Context {
    input: usize,
    len: usize,
    tape: Vec<Node>,
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
    /// The input outlives the reading; the reading stays on its thread.
    _input: std::marker::PhantomData<(&'a str, *const ())>,
}

impl<'a> Reading<'a> {
    /// Builds the tape of `text` and opens a reading of it: what the pass noted, or `None`
    /// when the tape refuses the input (then serde_json and the limits pass say why).
    pub(crate) fn open(text: &'a str) -> Option<(Reading<'a>, tape::Found)> {
        let mut nodes = SPARE.take();
        let Some(found) = tape::build(text.as_bytes(), &mut nodes) else {
            release(nodes);
            return None;
        };
        let context = Context {
            input: text.as_ptr() as usize,
            len: text.len(),
            tape: nodes,
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

/// `text` without the JSON whitespace around it.
fn trim(text: &str) -> &str {
    text.trim_matches([' ', '\n', '\r', '\t'])
}

/// The message of a probe that has read enough of an object and stops
/// (`Err(de::Error::custom(STOP))` from its visitor): the providers' envelope probes stop at the
/// first key that tells a single object.
pub(crate) const STOP: &str = "paynorm: stop reading";

/// Whether a read error is a probe's [`STOP`].
pub(crate) fn is_stop(e: &serde_json::Error) -> bool {
    e.is_data() && e.to_string().starts_with(STOP)
}

/// Reads the value `text` with `seed` from the open reading whose input holds it; `None` when no
/// open reading holds it.
fn from_open<'a, S: DeserializeSeed<'a>>(
    text: &'a str,
    seed: S,
) -> Option<Result<S::Value, serde_json::Error>> {
    let value = trim(text);
    let start = value.as_ptr() as usize;
    READINGS.with(|r| {
        let readings = r.try_borrow().ok()?;
        let context = readings
            .iter()
            .rev()
            .find(|c| start >= c.input && start - c.input + value.len() <= c.len && c.len > 0)?;
        let offset = start - context.input;
        // Nodes are in document order, so their starts increase strictly.
        let at = context
            .tape
            .binary_search_by_key(&offset, |n| n.start as usize)
            .ok()?;
        let first = *value.as_bytes().first()?;
        if tape::end(&context.tape, at, first) != Some(offset + value.len()) {
            return None;
        }
        Some(read_at(text, value, offset, &context.tape, at, seed))
    })
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
fn json_error(e: de::TapeError, text: &str, lead: usize) -> serde_json::Error {
    use serde::de::Error as _;
    let e = e.into_parts();
    if e.recursion {
        // serde_json's recursion limit is a syntax error, which only its reader can make: the
        // first array or object 128 levels below `text` (the one a typed read meets first,
        // unless it skipped that subtree).
        if let Err(e) = serde_json::from_str::<serde_json::Value>(text) {
            return e;
        }
    }
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
    serde_json::Error::custom(format_args!("{} at line {line} column {column}", e.error))
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
        Ok(_) => serde::de::Error::custom("input is not valid JSON: an escaped lone surrogate"),
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

/// [`from_str_seed`] for a visitor that reads an object (`deserialize_map`).
pub(crate) fn visit_map<'a, V: serde::de::Visitor<'a>>(
    text: &'a str,
    visitor: V,
) -> serde_json::Result<V::Value> {
    from_str_seed(text, MapSeed(visitor))
}

/// A visitor run by `deserialize_map`, as a seed.
struct MapSeed<V>(V);

impl<'de, V: serde::de::Visitor<'de>> DeserializeSeed<'de> for MapSeed<V> {
    type Value = V::Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        d.deserialize_map(self.0)
    }
}
