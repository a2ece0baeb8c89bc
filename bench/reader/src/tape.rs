//! The tape paynorm reads with: the scanner is `src/reader/tape.rs` itself (included, not
//! copied), and fields are found by walking the tape (last duplicate key wins), as the engine's
//! reader does. One pass over the input; nothing is allocated per value (the tape is one `Vec`,
//! reused between calls).

/// paynorm's scanner (`src/reader/tape.rs`); what it takes from paynorm's limits pass is in
/// this crate's `scan`.
#[path = "../../../src/reader/tape.rs"]
#[allow(dead_code)]
mod scanner;

use scanner::{build, Node};

/// A read view over a built tape.
pub(crate) struct Doc<'a> {
    /// The input.
    pub b: &'a [u8],
    /// Its tape.
    pub tape: &'a [Node],
}

impl<'a> Doc<'a> {
    /// The first byte of the value at `at`: its kind.
    fn kind(&self, at: usize) -> u8 {
        self.b[self.tape[at].start as usize]
    }

    /// Tape index past the value at `at`.
    fn next(&self, at: usize) -> usize {
        scanner::next(self.tape, at, self.kind(at)).unwrap_or(at + 1)
    }

    /// The value of `key` in the object at `obj` (the last one when repeated).
    pub fn get(&self, obj: usize, key: &[u8]) -> Option<usize> {
        if self.kind(obj) != b'{' {
            return None;
        }
        let close = self.tape[obj].other as usize - 1;
        let mut found = None;
        let mut i = obj + 1;
        while i < close {
            let k = self.tape[i];
            let end = (k.other & !scanner::ESCAPED) as usize;
            if &self.b[k.start as usize + 1..end - 1] == key {
                found = Some(i + 1);
            }
            i = self.next(i + 1);
        }
        found
    }

    /// The elements of the array at `arr`.
    pub fn items(&self, arr: usize) -> impl Iterator<Item = usize> + '_ {
        let close = self.tape[arr].other as usize - 1;
        let mut i = arr + 1;
        std::iter::from_fn(move || {
            (i < close).then(|| {
                let at = i;
                i = self.next(at);
                at
            })
        })
    }

    /// The string at `at` (unescaped when it has escapes), or `None` for another kind.
    pub fn str(&self, at: usize) -> Option<std::borrow::Cow<'a, str>> {
        let n = self.tape[at];
        if self.kind(at) != b'"' {
            return None;
        }
        let end = (n.other & !scanner::ESCAPED) as usize;
        let raw = &self.b[n.start as usize + 1..end - 1];
        if !scanner::escaped(&n) {
            return std::str::from_utf8(raw)
                .ok()
                .map(std::borrow::Cow::Borrowed);
        }
        let quoted = std::str::from_utf8(&self.b[n.start as usize..end]).ok()?;
        serde_json::from_str::<String>(quoted)
            .ok()
            .map(std::borrow::Cow::Owned)
    }

    /// The integer at `at`.
    pub fn int(&self, at: usize) -> Option<i64> {
        let n = self.tape[at];
        if !matches!(self.kind(at), b'-' | b'0'..=b'9') {
            return None;
        }
        std::str::from_utf8(&self.b[n.start as usize..(n.other & !scanner::ESCAPED) as usize])
            .ok()?
            .parse()
            .ok()
    }
}

fn pi(d: &Doc<'_>, at: usize, sum: &mut super::Sum) -> Option<()> {
    sum.items += 1;
    for key in [&b"id"[..], b"object", b"currency", b"status"] {
        if let Some(s) = d.get(at, key).and_then(|v| d.str(v)) {
            sum.str(&s);
        }
    }
    for key in [&b"amount"[..], b"created"] {
        if let Some(v) = d.get(at, key) {
            if matches!(d.kind(v), b'-' | b'0'..=b'9') {
                sum.int(d.int(v)?);
            }
        }
    }
    if let Some(v) = d.get(at, b"latest_charge") {
        match d.kind(v) {
            b'"' => sum.str(&d.str(v)?),
            b'{' => {
                sum.str(&d.get(v, b"id").and_then(|i| d.str(i)).unwrap_or_default());
                if let Some(a) = d.get(v, b"amount_captured") {
                    sum.int(d.int(a)?);
                }
            }
            _ => {}
        }
    }
    Some(())
}

thread_local! {
    static TAPE: std::cell::RefCell<Vec<Node>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Reads `input`; `None` when it is not valid JSON or not of the expected shape.
pub fn read(input: &[u8]) -> Option<super::Sum> {
    std::str::from_utf8(input).ok()?;
    TAPE.with(|t| {
        let mut tape = t.borrow_mut();
        build(input, &mut tape)?;
        let d = Doc {
            b: input,
            tape: &tape,
        };
        let mut sum = super::Sum::default();
        if super::is_list(input) {
            let data = d.get(0, b"data")?;
            for item in d.items(data) {
                pi(&d, item, &mut sum)?;
            }
        } else {
            pi(&d, 0, &mut sum)?;
        }
        Some(sum)
    })
}
