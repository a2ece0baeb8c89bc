//! A hand-written validating scanner that writes a tape, one node per JSON value (and per key),
//! in document order, each container knowing where its subtree ends; the fields are then read by
//! walking the tape (last duplicate key wins). One pass over the input; nothing is allocated per
//! value (the tape is one `Vec`, reused between calls by a caller that keeps it).

/// One value (or key) of the input.
#[derive(Debug, Clone, Copy)]
pub struct Node {
    /// Byte offset of the value's first byte.
    pub start: u32,
    /// Byte offset just past the value.
    pub end: u32,
    /// Tape index just past this value's subtree (its own index + 1 for a scalar).
    pub next: u32,
    /// `{`, `[`, `"`, `0` (number), `t`, `f`, `n`.
    pub kind: u8,
}

/// The deepest nesting accepted (paynorm's limit).
const MAX_DEPTH: usize = 128;

fn ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\n' | b'\r' | b'\t') {
        i += 1;
    }
    i
}

/// Scans a string starting at the quote `b[i]`; returns the index past the closing quote.
fn string(b: &[u8], mut i: usize) -> Option<usize> {
    i += 1;
    loop {
        let rest = &b[i..];
        let k = memchr::memchr2(b'"', b'\\', rest)?;
        if rest[..k].iter().any(|&c| c < 0x20) {
            return None;
        }
        i += k;
        if b[i] == b'"' {
            return Some(i + 1);
        }
        match *b.get(i + 1)? {
            b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => i += 2,
            b'u' => {
                let hex = b.get(i + 2..i + 6)?;
                if !hex.iter().all(u8::is_ascii_hexdigit) {
                    return None;
                }
                i += 6;
            }
            _ => return None,
        }
    }
}

/// Scans a number starting at `b[i]`; returns the index past it.
fn number(b: &[u8], mut i: usize) -> Option<usize> {
    let digits = |b: &[u8], mut i: usize| {
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        (i > s).then_some(i)
    };
    if b[i] == b'-' {
        i += 1;
    }
    match b.get(i)? {
        b'0' => i += 1,
        b'1'..=b'9' => i = digits(b, i)?,
        _ => return None,
    }
    if b.get(i) == Some(&b'.') {
        i = digits(b, i + 1)?;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        i = digits(b, i)?;
    }
    Some(i)
}

/// Validates `b` as one JSON value (UTF-8 already checked by the caller) and writes its tape.
pub fn build(b: &[u8], tape: &mut Vec<Node>) -> Option<()> {
    tape.clear();
    let mut stack = [0u32; MAX_DEPTH + 1];
    let mut depth = 0usize;
    let mut i = ws(b, 0);
    'value: loop {
        // A value starts at `i`.
        let start = i;
        let kind = *b.get(i)?;
        match kind {
            b'{' | b'[' => {
                if depth == MAX_DEPTH {
                    return None;
                }
                stack[depth] = tape.len() as u32;
                depth += 1;
                tape.push(Node {
                    start: start as u32,
                    end: 0,
                    next: 0,
                    kind,
                });
                i = ws(b, i + 1);
                let close = if kind == b'{' { b'}' } else { b']' };
                if b.get(i) == Some(&close) {
                    i += 1;
                    // Empty container: closed below as any other.
                } else {
                    if kind == b'{' {
                        i = key(b, i, tape)?;
                    }
                    continue 'value;
                }
                depth -= 1;
                close_container(tape, stack[depth], i);
            }
            b'"' => {
                i = string(b, i)?;
                push_scalar(tape, start, i, b'"');
            }
            b'-' | b'0'..=b'9' => {
                i = number(b, i)?;
                push_scalar(tape, start, i, b'0');
            }
            b't' | b'f' | b'n' => {
                let word: &[u8] = match kind {
                    b't' => b"true",
                    b'f' => b"false",
                    _ => b"null",
                };
                if b.get(i..i + word.len())? != word {
                    return None;
                }
                i += word.len();
                push_scalar(tape, start, i, kind);
            }
            _ => return None,
        }
        // After a value: a separator, the end of containers, or the end of input.
        loop {
            i = ws(b, i);
            if depth == 0 {
                return (i == b.len()).then_some(());
            }
            let open = &tape[stack[depth - 1] as usize];
            let (is_object, close) = if open.kind == b'{' {
                (true, b'}')
            } else {
                (false, b']')
            };
            match *b.get(i)? {
                b',' => {
                    i = ws(b, i + 1);
                    if is_object {
                        i = key(b, i, tape)?;
                    }
                    continue 'value;
                }
                c if c == close => {
                    i += 1;
                    depth -= 1;
                    close_container(tape, stack[depth], i);
                }
                _ => return None,
            }
        }
    }
}

/// Closes the container whose node is at `at`: it ends at byte `end`, its subtree before the
/// next node.
fn close_container(tape: &mut [Node], at: u32, end: usize) {
    let next = tape.len() as u32;
    let n = &mut tape[at as usize];
    n.end = end as u32;
    n.next = next;
}

fn push_scalar(tape: &mut Vec<Node>, start: usize, end: usize, kind: u8) {
    let next = tape.len() as u32 + 1;
    tape.push(Node {
        start: start as u32,
        end: end as u32,
        next,
        kind,
    });
}

/// A key and its colon at `i`; returns where the value starts.
fn key(b: &[u8], i: usize, tape: &mut Vec<Node>) -> Option<usize> {
    if b.get(i) != Some(&b'"') {
        return None;
    }
    let end = string(b, i)?;
    push_scalar(tape, i, end, b'"');
    let j = ws(b, end);
    if b.get(j) != Some(&b':') {
        return None;
    }
    Some(ws(b, j + 1))
}

/// A read view over a built tape.
pub struct Doc<'a> {
    /// The input.
    pub b: &'a [u8],
    /// Its tape.
    pub tape: &'a [Node],
}

impl<'a> Doc<'a> {
    /// The value of `key` in the object at `obj` (the last one when repeated).
    pub fn get(&self, obj: usize, key: &[u8]) -> Option<usize> {
        let node = self.tape[obj];
        if node.kind != b'{' {
            return None;
        }
        let mut found = None;
        let mut i = obj + 1;
        while i < node.next as usize {
            let k = self.tape[i];
            let raw = &self.b[k.start as usize + 1..k.end as usize - 1];
            if raw == key {
                found = Some(i + 1);
            }
            i = self.tape[i + 1].next as usize;
        }
        found
    }

    /// The elements of the array at `arr`.
    pub fn items(&self, arr: usize) -> impl Iterator<Item = usize> + '_ {
        let end = self.tape[arr].next as usize;
        let mut i = arr + 1;
        std::iter::from_fn(move || {
            (i < end).then(|| {
                let at = i;
                i = self.tape[i].next as usize;
                at
            })
        })
    }

    /// The string at `at` (unescaped when it has escapes), or `None` for another kind.
    pub fn str(&self, at: usize) -> Option<std::borrow::Cow<'a, str>> {
        let n = self.tape[at];
        if n.kind != b'"' {
            return None;
        }
        let raw = &self.b[n.start as usize + 1..n.end as usize - 1];
        if !raw.contains(&b'\\') {
            return std::str::from_utf8(raw)
                .ok()
                .map(std::borrow::Cow::Borrowed);
        }
        let quoted = std::str::from_utf8(&self.b[n.start as usize..n.end as usize]).ok()?;
        serde_json::from_str::<String>(quoted)
            .ok()
            .map(std::borrow::Cow::Owned)
    }

    /// The integer at `at`.
    pub fn int(&self, at: usize) -> Option<i64> {
        let n = self.tape[at];
        if n.kind != b'0' {
            return None;
        }
        std::str::from_utf8(&self.b[n.start as usize..n.end as usize])
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
            if d.tape[v].kind == b'0' {
                sum.int(d.int(v)?);
            }
        }
    }
    if let Some(v) = d.get(at, b"latest_charge") {
        match d.tape[v].kind {
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
