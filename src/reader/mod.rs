//! The reading layer (issue 8): the input is scanned once into a tape ([`tape`]), and every
//! later read of it, by any provider, walks that tape instead of the text.
//!
//! A call to [`crate::normalize_with`] builds the tape of its input and opens a [`Reading`] for
//! the duration of the call. Providers read their raw types with [`from_str`], which has
//! serde_json's signature and answers: when the text it is given is a value of the open
//! reading's input, the value is deserialized from the tape (unknown keys are skipped by a
//! lookup, strings stay borrowed); otherwise, or whenever the tape cannot give exactly what
//! serde_json would ([`de::Fallback`]), serde_json reads the text, so results and errors are
//! serde_json's to the byte. An input the tape does not take (broken JSON, nesting over the
//! limit, escaped surrogates, `-0`, exponents) is read the careful way throughout
//! (`src/scan.rs` and serde_json), which reports each of those as before.
//!
//! `tests/reader.rs` checks that both ways give the same output for every fixture, and the
//! fuzz harness checks it on every input it generates.

mod de;
pub(crate) mod tape;

use serde::de::DeserializeSeed;
use std::cell::{Cell, RefCell};
use tape::Node;

thread_local! {
    /// The tape of the open reading's input (reused between calls).
    static TAPE: RefCell<Vec<Node>> = const { RefCell::new(Vec::new()) };
    /// The open reading's input: its address and length (0, 0 when none is open).
    static INPUT: Cell<(usize, usize)> = const { Cell::new((0, 0)) };
    /// Set by tests and the fuzz harness to read every input the careful way.
    static CAREFUL: Cell<bool> = const { Cell::new(false) };
    /// How many reads the tape answered on this thread (tests check the tape is used).
    static ANSWERED: Cell<u64> = const { Cell::new(0) };
    /// How many reads of an open reading's values the tape passed to serde_json.
    static PASSED: Cell<u64> = const { Cell::new(0) };
}

/// How many reads of a tape's values the tape has passed on to serde_json on this thread (for
/// tests: on a valid payload that the tape took, none should be).
#[doc(hidden)]
pub fn tape_fallbacks() -> u64 {
    PASSED.get()
}

/// How many reads the tape has answered on this thread so far (for tests: a read answered the
/// careful way is not counted).
#[doc(hidden)]
pub fn tape_reads() -> u64 {
    ANSWERED.get()
}

/// A tape larger than this (in nodes; 12 bytes each) is released after the call rather than
/// kept for the next one, so that one large input does not pin its tape for the instance's life.
const KEEP_NODES: usize = 4 * 1024 * 1024 / std::mem::size_of::<Node>();

/// An open reading of one input: while it lives, [`from_str`] reads values of that input from
/// its tape. Closed on drop.
pub(crate) struct Reading {
    _not_send: std::marker::PhantomData<*const ()>,
}

impl Reading {
    /// Builds the tape of `text` and opens a reading of it, or `None` when the input must be
    /// read the careful way (see [`tape`]), when a reading is already open (a nested call reads
    /// the careful way rather than replace the tape under the outer one), or when the careful
    /// way was asked for ([`careful`]).
    pub(crate) fn open(text: &str) -> Option<Reading> {
        if CAREFUL.get() || INPUT.get() != (0, 0) {
            return None;
        }
        let built = TAPE.with(|t| {
            let mut tape = t.borrow_mut();
            let ok = tape::build(text.as_bytes(), &mut tape).is_some();
            if !ok && tape.capacity() > KEEP_NODES {
                *tape = Vec::new();
            }
            ok
        });
        if !built {
            return None;
        }
        INPUT.set((text.as_ptr() as usize, text.len()));
        Some(Reading {
            _not_send: std::marker::PhantomData,
        })
    }
}

impl Drop for Reading {
    fn drop(&mut self) {
        INPUT.set((0, 0));
        TAPE.with(|t| {
            if let Ok(mut tape) = t.try_borrow_mut() {
                if tape.capacity() > KEEP_NODES {
                    *tape = Vec::new();
                }
            }
        });
    }
}

/// Runs `f` with every input read the careful way (the limits pass and serde_json), as the
/// engine did before the tape: the reference the tape is tested against.
#[doc(hidden)]
pub fn careful<R>(f: impl FnOnce() -> R) -> R {
    let before = CAREFUL.replace(true);
    let out = f();
    CAREFUL.set(before);
    out
}

/// JSON whitespace.
fn trim(text: &str) -> (usize, &str) {
    let b = text.as_bytes();
    let mut s = 0;
    let mut e = b.len();
    while s < e && matches!(b[s], b' ' | b'\n' | b'\r' | b'\t') {
        s += 1;
    }
    while e > s && matches!(b[e - 1], b' ' | b'\n' | b'\r' | b'\t') {
        e -= 1;
    }
    (s, &text[s..e])
}

/// The message of a probe that has read enough of an object and stops (`Err(de::Error::custom(STOP))`
/// from its visitor): the providers' envelope probes stop at the first key that tells a single
/// object. [`visit_map`] returns it as serde_json would, without reading the text again.
pub(crate) const STOP: &str = "paynorm: stop reading";

/// Whether a read error is a probe's [`STOP`].
pub(crate) fn is_stop(e: &serde_json::Error) -> bool {
    e.is_data() && e.to_string().starts_with(STOP)
}

/// What the tape made of one read.
enum Answer<T> {
    /// The value.
    Value(T),
    /// The visitor stopped with [`STOP`].
    Stop,
    /// Not a value of the open reading, or the tape cannot answer exactly: ask serde_json.
    Pass,
}

/// Reads `text` with `seed` from the open reading's tape when `text` is one of its input's
/// values (see [`Answer`]).
fn from_tape<'a, S: DeserializeSeed<'a>>(text: &'a str, seed: S) -> Answer<S::Value> {
    match tape_answer(text, seed) {
        Some(Ok(value)) => {
            ANSWERED.set(ANSWERED.get() + 1);
            Answer::Value(value)
        }
        Some(Err(de::Fallback(Some(message)))) if message == STOP => Answer::Stop,
        Some(Err(_)) => {
            PASSED.set(PASSED.get() + 1);
            Answer::Pass
        }
        None => Answer::Pass,
    }
}

fn tape_answer<'a, S: DeserializeSeed<'a>>(
    text: &'a str,
    seed: S,
) -> Option<Result<S::Value, de::Fallback>> {
    let (input, len) = INPUT.get();
    if len == 0 {
        return None;
    }
    let (lead, value) = trim(text);
    let offset = (value.as_ptr() as usize).checked_sub(input)?;
    if offset.checked_add(value.len())? > len {
        return None;
    }
    TAPE.with(|t| {
        let tape = t.try_borrow().ok()?;
        // Nodes are in document order, so their starts increase strictly.
        let at = tape
            .binary_search_by_key(&offset, |n| n.start as usize)
            .ok()?;
        if tape[at].end() != offset + value.len() {
            return None;
        }
        let de = de::ValueDe {
            text: value,
            base: offset,
            tape: &tape,
            at,
            depth: 0,
        };
        let _ = lead;
        Some(seed.deserialize(de))
    })
}

/// `serde_json::from_str`, from the tape when it can (see the module docs): same result, same
/// errors.
pub(crate) fn from_str<'a, T: serde::Deserialize<'a>>(text: &'a str) -> serde_json::Result<T> {
    from_str_seed(text, std::marker::PhantomData::<T>)
}

/// [`from_str`] with a seed (a visitor with state): `serde_json::Deserializer::from_str`, the
/// seed, then `end()`. The seed may run twice (tape, then serde_json), hence `Clone`.
pub(crate) fn from_str_seed<'a, S: DeserializeSeed<'a> + Clone>(
    text: &'a str,
    seed: S,
) -> serde_json::Result<S::Value> {
    match from_tape(text, seed.clone()) {
        Answer::Value(value) => return Ok(value),
        Answer::Stop => return Err(<serde_json::Error as serde::de::Error>::custom(STOP)),
        Answer::Pass => {}
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let value = seed.deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

/// [`from_str_seed`] for a visitor that reads an object (`deserialize_map`).
pub(crate) fn visit_map<'a, V: serde::de::Visitor<'a> + Clone>(
    text: &'a str,
    visitor: V,
) -> serde_json::Result<V::Value> {
    from_str_seed(text, MapSeed(visitor))
}

/// A visitor run by `deserialize_map`, as a seed.
#[derive(Clone)]
struct MapSeed<V>(V);

impl<'de, V: serde::de::Visitor<'de>> DeserializeSeed<'de> for MapSeed<V> {
    type Value = V::Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        d.deserialize_map(self.0)
    }
}
