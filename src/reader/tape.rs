//! The tape: one validating pass over the input writes one [`Node`] per value and per key, in
//! document order, each container knowing where its subtree ends (bench/reader/README.md chose
//! it over serde_json's derive, jiter and struson by measurement: 1.5x the next in wasm).
//!
//! The pass enforces docs/mapping.md#limits-and-leniency as it goes: valid JSON, nesting at
//! most [`MAX_DEPTH`] levels, escaped surrogates in pairs; it notes a number beyond a double's
//! range and a `-0` ([`Found`]). Anything it refuses (and an input of 2 GiB or more) makes
//! [`build`] return `None`; the caller then asks the limits pass (`src/scan.rs`) and serde_json
//! for the error, worded and positioned as before.

use crate::scan::MAX_DEPTH;

/// One value (or key) of the input, 8 bytes; the value's kind is the input byte at `start`.
///
/// - A scalar or a key: `other` is the byte offset just past it, its top bit ([`ESCAPED`])
///   set on a string with escapes; the next value is at the next index.
/// - An array or object: `other` is the tape index just past its subtree, whose last node is
///   its close.
/// - A close (of an array or object, never read as a value): `start` is the offset of its
///   closing bracket.
///
/// Starts increase strictly along the tape, so a value is found by its offset with a binary
/// search.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Node {
    /// Byte offset of the value's first byte (of the closing bracket, for a close).
    pub start: u32,
    /// See the type's docs.
    pub other: u32,
}

/// The bit of a scalar's [`Node::other`] set on a string (value or key) that has a backslash
/// escape.
pub(crate) const ESCAPED: u32 = 1 << 31;

/// Whether a value's first byte opens an array or object.
#[inline]
pub(crate) fn is_container(first: u8) -> bool {
    matches!(first, b'{' | b'[')
}

/// Byte offset just past the value at `at` whose first byte is `first`.
#[inline]
pub(crate) fn end(tape: &[Node], at: usize, first: u8) -> Option<usize> {
    let n = tape.get(at)?;
    if is_container(first) {
        let close = tape.get((n.other as usize).checked_sub(1)?)?;
        Some(close.start as usize + 1)
    } else {
        Some((n.other & !ESCAPED) as usize)
    }
}

/// Tape index just past the value at `at` whose first byte is `first`.
#[inline]
pub(crate) fn next(tape: &[Node], at: usize, first: u8) -> Option<usize> {
    if is_container(first) {
        Some(tape.get(at)?.other as usize)
    } else {
        Some(at + 1)
    }
}

/// Whether the scalar node `n` is a string with escapes.
#[inline]
pub(crate) fn escaped(n: &Node) -> bool {
    n.other & ESCAPED != 0
}

/// What the pass noted that is not an error by itself (as the limits pass does).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    /// Byte offset of the first number beyond the range of a double, if any.
    pub out_of_range: Option<usize>,
    /// Whether some number is written `-0` (an integer minus zero).
    pub neg_zero: bool,
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The index of the first byte of `word` (little-endian) that is `"`, `\` or below 0x20, if any.
/// The classic has-zero-byte test: it can flag a byte above a true match (borrow), never below
/// one, so the lowest flag is exact.
#[inline]
fn special(word: u64) -> Option<usize> {
    let quote = word ^ (ONES * b'"' as u64);
    let backslash = word ^ (ONES * b'\\' as u64);
    let found = (quote.wrapping_sub(ONES) & !quote)
        | (backslash.wrapping_sub(ONES) & !backslash)
        | (word.wrapping_sub(ONES * 0x20) & !word);
    let found = found & HIGHS;
    (found != 0).then(|| found.trailing_zeros() as usize / 8)
}

/// [`special`] sixteen bytes at a time with SSE2, which every x86-64 CPU has (the native
/// builds: the CLI, `cargo bench`, servers using the crate).
#[cfg(target_arch = "x86_64")]
mod simd {
    use core::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_max_epu8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8,
    };

    /// The index of the first byte of `chunk` that is `"`, `\` or below 0x20, if any.
    #[inline]
    pub(super) fn special(chunk: &[u8; 16]) -> Option<usize> {
        // SAFETY: SSE2 is part of the x86-64 baseline (every x86-64 CPU runs these), `chunk` is
        // 16 readable bytes and `loadu` has no alignment requirement.
        let mask = unsafe {
            let v = _mm_loadu_si128(chunk.as_ptr().cast::<__m128i>());
            // SSE2 compares bytes as signed: `v <= 0x1F` unsigned is `max(v, 0x1F) == 0x1F`.
            let control = _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F));
            let found = _mm_or_si128(
                _mm_or_si128(
                    _mm_cmpeq_epi8(v, _mm_set1_epi8(b'"' as i8)),
                    _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\\' as i8)),
                ),
                control,
            );
            _mm_movemask_epi8(found) as u32
        };
        (mask != 0).then(|| mask.trailing_zeros() as usize)
    }
}

/// [`special`] sixteen bytes at a time, for the wasm build, which enables SIMD (`+simd128`:
/// .cargo/config.toml; every runtime paynorm supports has it, README#runtimes).
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd {
    use core::arch::wasm32::{
        u8x16_bitmask, u8x16_eq, u8x16_lt, u8x16_splat, v128, v128_any_true, v128_load, v128_or,
    };

    /// The index of the first byte of `chunk` that is `"`, `\` or below 0x20, if any.
    #[inline]
    pub(super) fn special(chunk: &[u8; 16]) -> Option<usize> {
        // SAFETY: `chunk` is 16 readable bytes, and a wasm `v128.load` may be unaligned.
        let v = unsafe { v128_load(chunk.as_ptr().cast::<v128>()) };
        let found = v128_or(
            v128_or(
                u8x16_eq(v, u8x16_splat(b'"')),
                u8x16_eq(v, u8x16_splat(b'\\')),
            ),
            u8x16_lt(v, u8x16_splat(0x20)),
        );
        if !v128_any_true(found) {
            return None;
        }
        Some(u8x16_bitmask(found).trailing_zeros() as usize)
    }

    /// How many leading bytes of `b` are certainly ASCII: a multiple of 64 below the first
    /// non-ASCII byte, sixty-four bytes a step (the standard library's UTF-8 check goes eight
    /// bytes a step on wasm32).
    pub(super) fn ascii_prefix(b: &[u8]) -> usize {
        let mut chunks = b.chunks_exact(64);
        let mut n = 0;
        for chunk in &mut chunks {
            let p = chunk.as_ptr().cast::<v128>();
            // SAFETY: `chunk` is 64 readable bytes, four unaligned 16-byte loads (wasm's
            // `v128.load` has no alignment requirement).
            let any = unsafe {
                v128_or(
                    v128_or(v128_load(p), v128_load(p.add(1))),
                    v128_or(v128_load(p.add(2)), v128_load(p.add(3))),
                )
            };
            if u8x16_bitmask(any) != 0 {
                return n;
            }
            n += 64;
        }
        n
    }
}

/// How many leading bytes of `b` are certainly ASCII (a lower bound: 0 where there is no wide
/// check); the rest is what still needs a UTF-8 check.
pub(crate) fn ascii_prefix(b: &[u8]) -> usize {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    return simd::ascii_prefix(b);
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        let _ = b;
        0
    }
}

/// The index of the first byte of `b` at or after `i` that is `"`, `\` or below 0x20 (what
/// ends a JSON string's plain run: its close, an escape, a byte it may not hold raw), if any.
/// Sixteen bytes at a time where SIMD is there (wasm, x86-64), then eight, then one.
#[inline]
pub(crate) fn next_special(b: &[u8], mut i: usize) -> Option<usize> {
    #[cfg(any(
        target_arch = "x86_64",
        all(target_arch = "wasm32", target_feature = "simd128")
    ))]
    while let Some(chunk) = b.get(i..i + 16).and_then(|c| <&[u8; 16]>::try_from(c).ok()) {
        match simd::special(chunk) {
            Some(k) => return Some(i + k),
            None => i += 16,
        }
    }
    while let Some(chunk) = b.get(i..i + 8) {
        let word = u64::from_le_bytes(chunk.try_into().ok()?);
        match special(word) {
            Some(k) => return Some(i + k),
            None => i += 8,
        }
    }
    while let Some(&c) = b.get(i) {
        if c == b'"' || c == b'\\' || c < 0x20 {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Scans a string whose quote is at `b[i]`; returns the index past the closing quote and whether
/// it had escapes.
#[inline]
fn string(b: &[u8], mut i: usize) -> Option<(usize, bool)> {
    i += 1;
    let mut escaped = false;
    loop {
        i = next_special(b, i)?;
        match *b.get(i)? {
            b'"' => return Some((i + 1, escaped)),
            b'\\' => {
                escaped = true;
                match *b.get(i + 1)? {
                    b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => i += 2,
                    b'u' => {
                        let unit = hex4(b, i + 2)?;
                        i += 6;
                        match unit {
                            // A high surrogate must be followed by an escaped low one.
                            0xD800..=0xDBFF => {
                                if b.get(i..i + 2) != Some(&b"\\u"[..])
                                    || !(0xDC00..=0xDFFF).contains(&hex4(b, i + 2)?)
                                {
                                    return None;
                                }
                                i += 6;
                            }
                            0xDC00..=0xDFFF => return None,
                            _ => {}
                        }
                    }
                    _ => return None,
                }
            }
            c if c < 0x20 => return None,
            _ => i += 1,
        }
    }
}

/// The four hex digits at `b[i..i + 4]`.
fn hex4(b: &[u8], i: usize) -> Option<u32> {
    let hex = b.get(i..i + 4)?;
    if !hex.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    u32::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()
}

/// Scans a number starting at `b[i]`; returns the index past it, noting `-0` and numbers beyond
/// a double's range in `found`.
#[inline]
fn number(b: &[u8], start: usize, found: &mut Found) -> Option<usize> {
    let digits = |b: &[u8], mut i: usize| {
        let s = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        (i > s).then_some(i)
    };
    let mut i = start;
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
    let mut exponent = false;
    if matches!(b.get(i), Some(b'e' | b'E')) {
        exponent = true;
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        i = digits(b, i)?;
    }
    let token = &b[start..i];
    if token == b"-0" {
        found.neg_zero = true;
    } else if (exponent || token.len() > 300)
        && found.out_of_range.is_none()
        && crate::scan::out_of_range(token)
    {
        found.out_of_range = Some(start);
    }
    Some(i)
}

#[inline]
fn ws(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\n' | b'\r' | b'\t')) {
        i += 1;
    }
    i
}

/// Validates `b` (valid UTF-8) as one JSON value and writes its tape into `tape` (cleared
/// first): at most one node per byte of input (`[]` is two), 8 bytes each. `None` when it refuses the
/// input (see the module docs).
pub(crate) fn build(b: &[u8], tape: &mut Vec<Node>) -> Option<Found> {
    // Fills kept for a tape that may be this one, about to change.
    super::shape::forget_kept();
    tape.clear();
    if b.len() >= ESCAPED as usize {
        return None;
    }
    // Real payloads hold about one node per 10-11 bytes: room for one per 8 means one
    // allocation, 1x the input in bytes (denser inputs grow it as any `Vec`).
    tape.reserve(b.len() / 8 + 8);
    let mut found = Found::default();
    // Each open container's tape index, with [`OBJECT`] set for an object (so the separator
    // loop need not look its bracket up in the input).
    let mut stack = [0u32; MAX_DEPTH];
    let mut depth = 0usize;
    let mut i = ws(b, 0);
    'value: loop {
        let start = i;
        match *b.get(i)? {
            open @ (b'{' | b'[') => {
                if depth == MAX_DEPTH {
                    return None;
                }
                let kind = if open == b'{' { OBJECT } else { 0 };
                *stack.get_mut(depth)? = tape.len() as u32 | kind;
                depth += 1;
                tape.push(Node {
                    start: start as u32,
                    other: 0,
                });
                i = ws(b, i + 1);
                let close = if open == b'{' { b'}' } else { b']' };
                if b.get(i) == Some(&close) {
                    depth -= 1;
                    close_container(tape, stack[depth] & !OBJECT, i);
                    i += 1;
                } else {
                    if open == b'{' {
                        i = key(b, i, tape)?;
                    }
                    continue 'value;
                }
            }
            b'"' => {
                let (end, escaped) = string(b, i)?;
                i = end;
                push_scalar(tape, start, i, escaped);
            }
            b'-' | b'0'..=b'9' => {
                i = number(b, i, &mut found)?;
                push_scalar(tape, start, i, false);
            }
            word @ (b't' | b'f' | b'n') => {
                let text: &[u8] = match word {
                    b't' => b"true",
                    b'f' => b"false",
                    _ => b"null",
                };
                if b.get(i..i + text.len())? != text {
                    return None;
                }
                i += text.len();
                push_scalar(tape, start, i, false);
            }
            _ => return None,
        }
        // After a value: a separator, the end of containers, or the end of the input.
        loop {
            i = ws(b, i);
            if depth == 0 {
                return (i == b.len()).then_some(found);
            }
            let is_object = stack[depth - 1] & OBJECT != 0;
            match *b.get(i)? {
                b',' => {
                    i = ws(b, i + 1);
                    if is_object {
                        i = key(b, i, tape)?;
                    }
                    continue 'value;
                }
                b'}' if is_object => {}
                b']' if !is_object => {}
                _ => return None,
            }
            depth -= 1;
            close_container(tape, stack[depth] & !OBJECT, i);
            i += 1;
        }
    }
}

/// The bit of a [`build`] stack entry set for an object (tape indices stay below 2^31: the
/// input is under 2 GiB and holds at most one node per byte, plus one).
const OBJECT: u32 = 1 << 31;

/// Closes the container whose node is at `at`, its closing bracket at byte `close`: pushes the
/// close node and points the container past it.
#[inline]
fn close_container(tape: &mut Vec<Node>, at: u32, close: usize) {
    tape.push(Node {
        start: close as u32,
        other: 0,
    });
    let next = tape.len() as u32;
    if let Some(n) = tape.get_mut(at as usize) {
        n.other = next;
    }
}

#[inline]
fn push_scalar(tape: &mut Vec<Node>, start: usize, end: usize, escaped: bool) {
    tape.push(Node {
        start: start as u32,
        other: end as u32 | if escaped { ESCAPED } else { 0 },
    });
}

/// A key and its colon at `i`; returns where the value starts.
#[inline]
fn key(b: &[u8], i: usize, tape: &mut Vec<Node>) -> Option<usize> {
    if b.get(i) != Some(&b'"') {
        return None;
    }
    let (end, escaped) = string(b, i)?;
    push_scalar(tape, i, end, escaped);
    let j = ws(b, end);
    if b.get(j) != Some(&b':') {
        return None;
    }
    Some(ws(b, j + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tape(s: &str) -> Option<Vec<Node>> {
        let mut t = Vec::new();
        build(s.as_bytes(), &mut t).map(|_| t)
    }

    fn found(s: &str) -> Found {
        build(s.as_bytes(), &mut Vec::new()).unwrap()
    }

    #[test]
    fn accepts_what_serde_json_accepts() {
        for ok in [
            "-0",
            "1e5",
            "[1E-5, 2.5e+3]",
            "\"\\ud83d\\ude00\"",
            "{}",
            "[]",
            " {\"a\" : [1, -2.5, \"x\\n\", true, false, null, {}] } ",
            "\"caf\u{e9}\"",
            "0",
            "-1.25",
            "[[[]]]",
            "{\"a\":\"\\u00e9\"}",
        ] {
            assert!(tape(ok).is_some(), "{ok}");
            assert!(
                serde_json::from_str::<serde_json::Value>(ok).is_ok(),
                "{ok}"
            );
        }
    }

    #[test]
    fn leaves_the_rest_to_the_careful_path() {
        for careful in [
            "",
            "{",
            "{\"a\":1,}",
            "[1,]",
            "[1 2]",
            "{\"a\" 1}",
            "{1:2}",
            "01",
            "1.",
            "1e",
            "1e+",
            "-",
            "\"\\ud800\"",
            "\"\\ud800\\u0041\"",
            "\"\\udc00\"",
            "\"a\u{1}b\"",
            "\"\\x\"",
            "tru",
            "nul",
            "[1]]",
            "{}}",
            "[}",
            "{]",
        ] {
            assert!(tape(careful).is_none(), "{careful:?}");
        }
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert!(tape(&deep).is_none());
        let limit = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(tape(&limit).is_some());
    }

    #[test]
    fn notes_what_the_limits_pass_notes() {
        assert_eq!(found("[1, 2.5]"), Found::default());
        assert!(found("{\"a\": [-0]}").neg_zero);
        assert!(!found("-0.0").neg_zero);
        assert_eq!(found("[1e5, 1e400, 2e400]").out_of_range, Some(6));
        let long = format!("[{}]", "9".repeat(400));
        assert_eq!(found(&long).out_of_range, Some(1));
    }

    #[test]
    fn nodes_know_their_spans_and_subtrees() {
        let s = r#"{"a":[1,{"b":"x\"y"}],"c":null}"#;
        let t = tape(s).unwrap();
        let b = s.as_bytes();
        let first = |i: usize| b[t[i].start as usize];
        let text = |i: usize| &s[t[i].start as usize..end(&t, i, first(i)).unwrap()];
        // Values and keys, skipping the closes (`]` `}` at 7, 8 and 11).
        let values: Vec<&str> = [0, 1, 2, 3, 4, 5, 6, 9, 10].into_iter().map(text).collect();
        assert_eq!(
            values,
            [
                s,
                "\"a\"",
                r#"[1,{"b":"x\"y"}]"#,
                "1",
                r#"{"b":"x\"y"}"#,
                "\"b\"",
                r#""x\"y""#,
                "\"c\"",
                "null"
            ]
        );
        assert_eq!(t.len(), 12);
        assert_eq!(next(&t, 0, b'{'), Some(12));
        assert_eq!(next(&t, 2, b'['), Some(9));
        assert_eq!(next(&t, 4, b'{'), Some(8));
        assert_eq!(next(&t, 3, b'1'), Some(4));
        assert!(escaped(&t[6]) && !escaped(&t[5]));
        assert!(t.windows(2).all(|w| w[0].start < w[1].start));
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn the_sse2_scan_finds_the_first_special_byte_at_every_offset() {
        // Bytes that are not special, the unsigned edges included (0x20, 0x7F, 0x80, 0xFF).
        let plain = [0x20, b'!', b'#', b'[', b']', 0x7F, 0x80, 0xBF, 0xC3, 0xFF];
        let base: [u8; 16] = std::array::from_fn(|i| plain[i % plain.len()]);
        assert_eq!(simd::special(&base), None);
        for byte in [b'"', b'\\', 0x00, 0x01, 0x1F] {
            for at in 0..16 {
                let mut chunk = base;
                chunk[at] = byte;
                chunk[15] = if at == 15 { byte } else { b'"' };
                assert_eq!(simd::special(&chunk), Some(at), "{byte:#04x} at {at}");
            }
        }
    }

    #[test]
    fn the_word_scan_finds_the_first_special_byte() {
        for (s, want) in [
            (&b"abcdefgh"[..], None),
            (b"abc\"efgh", Some(3)),
            (b"\\bcdefgh", Some(0)),
            (b"abcdefg\x1f", Some(7)),
            (b"\xc3\xa9\"\"\"\"\"\"", Some(2)),
            (b"\x01\"bcdefg", Some(0)),
        ] {
            assert_eq!(special(u64::from_le_bytes(s.try_into().unwrap())), want);
        }
    }
}
