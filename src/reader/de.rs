//! A serde `Deserializer` over the tape, so whole values (`Value` for metadata and events,
//! `&RawValue`, strings) read from it; the providers' own objects are read by declared shapes
//! (`shape.rs`), not through serde. It gives what serde_json's `from_str` gives for
//! the same text: the same values (serde_json's `arbitrary_precision` and `RawValue` protocols
//! included) and the same errors, worded by serde_json's own `de::Error` and positioned where
//! serde_json's reader would stand when it reports them (the line and column that
//! `Error::from_json` turns into a JSON path). `tests/reader.rs` and the fuzz harness hold it to
//! that against serde_json itself.
//!
//! Skipping an unread value costs one tape lookup, whatever its size.

use super::tape::{self, Node};
use serde::de::{self, DeserializeSeed, IntoDeserializer, Unexpected, Visitor};
use std::fmt;

/// Where serde_json's reader stands when it reports an error, as the index of the next byte it
/// would read in the text being read.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Pos {
    /// serde_json's `error()`: at `index`.
    At(usize),
    /// serde_json's `peek_error()`: one past `index`.
    Peek(usize),
}

/// An error of this deserializer: serde_json's own error without a position (every `de::Error`
/// constructor delegates to serde_json's), the position once a deserializer call has filled it
/// in (the innermost, as serde_json's `fix_position` does), and whether it is serde_json's
/// recursion limit. Boxed: errors are rare, and a small `Result` keeps the hot path's moves
/// small.
#[derive(Debug)]
pub(crate) struct TapeError(Box<ErrorParts>);

/// The parts of a [`TapeError`].
#[derive(Debug)]
pub(crate) struct ErrorParts {
    pub error: serde_json::Error,
    pub pos: Option<Pos>,
    /// One of serde_json's syntax errors that a read can meet in valid JSON.
    pub syntax: Option<Syntax>,
}

/// serde_json's syntax errors that a read of valid JSON can give (they are not `de::Error`s, so
/// they are made by serde_json's own reader at the same line and column: see `json_error`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Syntax {
    /// `recursion limit exceeded`: the 128th array or object below the text being read.
    Recursion,
    /// `trailing comma`: a visitor left members of an object unread (or elements of an array,
    /// the last followed by a comma).
    TrailingComma,
    /// `trailing characters`: a visitor left elements of an array unread.
    TrailingCharacters,
    /// `expected value`: an enum read from a number, `true`, `false`, `null` or an array.
    ExpectedValue,
}

impl TapeError {
    fn new(error: serde_json::Error) -> Self {
        TapeError(Box::new(ErrorParts {
            error,
            pos: None,
            syntax: None,
        }))
    }

    /// The parts.
    pub(crate) fn into_parts(self) -> ErrorParts {
        *self.0
    }

    #[cold]
    fn at(mut self, pos: Pos) -> Self {
        if self.0.pos.is_none() {
            self.0.pos = Some(pos);
        }
        self
    }

    #[cold]
    fn syntax(syntax: Syntax, pos: Pos) -> Self {
        TapeError(Box::new(ErrorParts {
            error: de::Error::custom("syntax"),
            pos: Some(pos),
            syntax: Some(syntax),
        }))
    }
}

impl fmt::Display for TapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.error.fmt(f)
    }
}

impl std::error::Error for TapeError {}

impl de::Error for TapeError {
    #[cold]
    fn custom<T: fmt::Display>(message: T) -> Self {
        TapeError::new(de::Error::custom(message))
    }

    #[cold]
    fn invalid_type(unexpected: Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        TapeError::new(de::Error::invalid_type(unexpected, expected))
    }

    #[cold]
    fn invalid_value(unexpected: Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        TapeError::new(de::Error::invalid_value(unexpected, expected))
    }
}

/// serde_json's private name for `RawValue` (`serde_json::raw::TOKEN`, stable since 1.0.29).
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";
/// serde_json's private name for an `arbitrary_precision` number (`serde_json::number::TOKEN`).
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// serde_json's recursion limit: the 128th array or object below the text being read (depth
/// 127 counted from 0) is an error.
const RECURSION_LIMIT: usize = 127;

type Result<T> = std::result::Result<T, TapeError>;

/// The value at one tape node. `text` is the text being read (a slice of the input), `base` the
/// input offset of its first byte; nodes' offsets are input offsets.
#[derive(Clone, Copy)]
pub(crate) struct ValueDe<'t, 'de> {
    pub text: &'de str,
    pub base: usize,
    pub tape: &'t [Node],
    pub at: usize,
    pub depth: usize,
}

/// An inconsistency between the tape and the text (never expected: the tape is built from that
/// text); reported rather than panicking.
fn broken() -> TapeError {
    de::Error::custom("paynorm: the reader's tape does not match the input; please report it")
}

impl<'t, 'de> ValueDe<'t, 'de> {
    #[inline]
    fn node(&self) -> Result<Node> {
        self.tape.get(self.at).copied().ok_or_else(broken)
    }

    /// Offsets of the node in `text`: start, end.
    #[inline]
    fn span(&self, n: &Node) -> (usize, usize) {
        let start = (n.start as usize).wrapping_sub(self.base);
        let first = self.text.as_bytes().get(start).copied().unwrap_or(0);
        // `n` is the node at `self.at` or one of its children's: find its index for the end.
        let end = if tape::is_container(first) {
            self.tape
                .get((n.other as usize).wrapping_sub(1))
                .map_or(0, |close| close.start as usize + 1)
        } else {
            (n.other & !tape::ESCAPED) as usize
        };
        (start, end.wrapping_sub(self.base))
    }

    /// Tape index of the closing node of the container `n`.
    #[inline]
    fn close_of(n: &Node) -> usize {
        (n.other as usize).wrapping_sub(1)
    }

    /// Tape index past the value at `at`.
    #[inline]
    fn next_of(&self, at: usize) -> Result<usize> {
        let n = self.tape.get(at).ok_or_else(broken)?;
        let first = self
            .text
            .as_bytes()
            .get((n.start as usize).wrapping_sub(self.base))
            .copied()
            .ok_or_else(broken)?;
        tape::next(self.tape, at, first).ok_or_else(broken)
    }

    /// The node's text (a slice of `text`).
    #[inline]
    fn slice(&self, n: &Node) -> Result<&'de str> {
        let (start, end) = self.span(n);
        self.text.get(start..end).ok_or_else(broken)
    }

    /// The node's first byte: its kind.
    #[inline]
    fn kind(&self, n: &Node) -> Result<u8> {
        self.text
            .as_bytes()
            .get(self.span(n).0)
            .copied()
            .ok_or_else(broken)
    }

    fn child(&self, at: usize) -> ValueDe<'t, 'de> {
        ValueDe {
            at,
            depth: self.depth + 1,
            ..*self
        }
    }

    /// After the value: where serde_json stands once it has read it.
    fn after(&self, n: &Node) -> Pos {
        Pos::At(self.span(n).1)
    }

    /// Before the value: where serde_json stands when it has only peeked at its first byte.
    fn before(&self, n: &Node) -> Pos {
        Pos::At(self.span(n).0)
    }

    fn unescaped(&self, n: &Node) -> Result<Str<'de>> {
        let quoted = self.slice(n)?;
        if tape::escaped(n) {
            let owned: String = serde_json::from_str(quoted).map_err(|_| broken())?;
            Ok(Str::Owned(owned))
        } else {
            Ok(Str::Borrowed(
                quoted.get(1..quoted.len() - 1).ok_or_else(broken)?,
            ))
        }
    }

    #[inline]
    fn string<V: Visitor<'de>>(&self, n: &Node, visitor: V) -> Result<V::Value> {
        if !tape::escaped(n) {
            // The common case: the text between the quotes, borrowed.
            let start = (n.start as usize).wrapping_sub(self.base) + 1;
            let end = (n.other as usize).wrapping_sub(self.base).wrapping_sub(1);
            if let Some(s) = self.text.get(start..end) {
                return visitor
                    .visit_borrowed_str(s)
                    .map_err(|e: TapeError| e.at(Pos::At(end + 1)));
            }
        }
        self.escaped_string(n, visitor)
    }

    #[inline(never)]
    fn escaped_string<V: Visitor<'de>>(&self, n: &Node, visitor: V) -> Result<V::Value> {
        match self.unescaped(n)? {
            Str::Borrowed(s) => visitor.visit_borrowed_str(s),
            Str::Owned(s) => visitor.visit_str(&s),
        }
        .map_err(|e: TapeError| e.at(self.after(n)))
    }

    /// A number as serde_json's `deserialize_any` gives it with `arbitrary_precision`: a `u64`,
    /// a negative `i64` (not `-0`), or else the number's text.
    fn any_number<V: Visitor<'de>>(&self, n: &Node, visitor: V) -> Result<V::Value> {
        let text = self.slice(n)?;
        let parsed = if let Some(digits) = text.strip_prefix('-') {
            match text.parse::<i64>() {
                Ok(v) if digits != "0" => Some(visitor_i64(v)),
                _ => None,
            }
        } else {
            text.parse::<u64>().ok().map(visitor_u64)
        };
        match parsed {
            Some(Number::U64(v)) => visitor.visit_u64(v),
            Some(Number::I64(v)) => visitor.visit_i64(v),
            None => visitor.visit_map(TokenAccess::number(text)),
        }
        .map_err(|e: TapeError| e.at(self.after(n)))
    }

    /// A number for a numeric hint, as serde_json's `deserialize_number` reads it: a `u64`, a
    /// negative `i64`, or else an `f64`.
    fn hinted_number<V: Visitor<'de>>(&self, visitor: V) -> Result<V::Value> {
        let n = self.node()?;
        if !matches!(self.kind(&n)?, b'-' | b'0'..=b'9') {
            return Err(self.invalid_type(&n, &visitor));
        }
        let text = self.slice(&n)?;
        let integer = !text.contains(['.', 'e', 'E']);
        if integer && !text.starts_with('-') {
            if let Ok(v) = text.parse::<u64>() {
                return visitor
                    .visit_u64(v)
                    .map_err(|e: TapeError| e.at(self.after(&n)));
            }
        }
        // serde_json reads `-0` as the float -0.0.
        if integer && text.starts_with('-') && text != "-0" {
            if let Ok(v) = text.parse::<i64>() {
                return visitor
                    .visit_i64(v)
                    .map_err(|e: TapeError| e.at(self.after(&n)));
            }
        }
        // serde_json's own float reading (not always the nearest double: without
        // `float_roundtrip` it can be one ulp off), so that errors name the same value.
        let v: f64 = serde_json::from_str(text).map_err(|_| broken())?;
        visitor
            .visit_f64(v)
            .map_err(|e: TapeError| e.at(self.after(&n)))
    }

    /// An enum written as an object of one member (`{"Variant": value}`), as serde_json reads
    /// it.
    #[inline(never)]
    fn object_variant<V: Visitor<'de>>(&self, n: &Node, visitor: V) -> Result<V::Value> {
        self.check_depth(n)?;
        // serde_json positions nothing here: errors keep their own or take the caller's.
        let value = visitor.visit_enum(ObjectVariant {
            de: *self,
            node: *n,
        })?;
        // One member only: after its value, serde_json wants the closing brace.
        let first_key = self.at + 1;
        if first_key < Self::close_of(n) {
            let after = self.next_of(first_key + 1)?;
            if after < Self::close_of(n) {
                let value_node = self.tape.get(first_key + 1).copied().ok_or_else(broken)?;
                let bytes = self.text.as_bytes();
                let mut at = self.span(&value_node).1;
                while bytes
                    .get(at)
                    .is_some_and(|b| matches!(b, b' ' | b'\n' | b'\r' | b'\t'))
                {
                    at += 1;
                }
                return Err(TapeError::syntax(Syntax::ExpectedValue, Pos::At(at)));
            }
        }
        Ok(value)
    }

    /// serde_json's `peek_invalid_type`: the error for a value of the wrong kind, positioned
    /// after a scalar (serde_json reads it to name it) and before an array or object.
    fn invalid_type(&self, n: &Node, expected: &dyn de::Expected) -> TapeError {
        let kind = match self.kind(n) {
            Ok(k) => k,
            Err(e) => return e,
        };
        let (unexpected, pos) = match kind {
            b'n' => (Unexpected::Unit, self.after(n)),
            b't' => (Unexpected::Bool(true), self.after(n)),
            b'f' => (Unexpected::Bool(false), self.after(n)),
            b'[' => (Unexpected::Seq, self.before(n)),
            b'{' => (Unexpected::Map, self.before(n)),
            b'"' => {
                let s = match self.unescaped(n) {
                    Ok(s) => s,
                    Err(e) => return e,
                };
                return <TapeError as de::Error>::invalid_type(
                    Unexpected::Str(s.as_str()),
                    expected,
                )
                .at(self.after(n));
            }
            _ => {
                let text = self.slice(n).unwrap_or("");
                let unexpected = match (text.parse::<u64>(), text.parse::<i64>()) {
                    (Ok(u), _) if !text.starts_with('-') => Unexpected::Unsigned(u),
                    (_, Ok(i)) if text != "-0" => Unexpected::Signed(i),
                    _ => Unexpected::Other("number"),
                };
                (unexpected, self.after(n))
            }
        };
        <TapeError as de::Error>::invalid_type(unexpected, expected).at(pos)
    }

    fn check_depth(&self, n: &Node) -> Result<()> {
        if self.depth >= RECURSION_LIMIT {
            return Err(TapeError::syntax(
                Syntax::Recursion,
                Pos::Peek(self.span(n).0),
            ));
        }
        Ok(())
    }

    /// `deserialize_map` / `_seq` / `_struct`: an object (when `object`) or an array (when
    /// `array`), else serde_json's type error.
    #[inline]
    fn container<V: Visitor<'de>>(self, visitor: V, object: bool, array: bool) -> Result<V::Value> {
        let n = self.node()?;
        match self.kind(&n)? {
            b'{' if object => self.map(&n, visitor),
            b'[' if array => self.seq(&n, visitor),
            _ => Err(self.invalid_type(&n, &visitor)),
        }
    }

    fn seq<V: Visitor<'de>>(&self, n: &Node, visitor: V) -> Result<V::Value> {
        self.children(n, false, |access| visitor.visit_seq(access))
    }

    fn map<V: Visitor<'de>>(&self, n: &Node, visitor: V) -> Result<V::Value> {
        self.children(n, true, |access| visitor.visit_map(access))
    }

    /// Runs `visit` over the children of the array or object `n`, as serde_json's
    /// `deserialize_seq` / `deserialize_map` do: the recursion limit first, the visitor's error
    /// positioned where the reader stands, and children left unread an error.
    #[inline]
    fn children<T>(
        &self,
        n: &Node,
        object: bool,
        visit: impl FnOnce(&mut Children<'t, 'de>) -> Result<T>,
    ) -> Result<T> {
        self.check_depth(n)?;
        let mut access = Children {
            de: *self,
            i: self.at + 1,
            end: Self::close_of(n),
            pos: self.span(n).0 + 1,
        };
        let value = visit(&mut access).map_err(|e: TapeError| e.at(self.closed(access.pos)))?;
        if access.i < access.end {
            return Err(self.trailing(access.pos, object));
        }
        Ok(value)
    }

    /// Where serde_json stands after a container's visitor failed with the reader at `pos`: it
    /// still looks for the closing bracket (skipping whitespace) and reads it when it is there.
    fn closed(&self, pos: usize) -> Pos {
        let bytes = self.text.as_bytes();
        let mut at = pos;
        while bytes.get(at).is_some_and(|b| b.is_ascii_whitespace()) {
            at += 1;
        }
        match bytes.get(at) {
            Some(b'}' | b']') => Pos::At(at + 1),
            _ => Pos::At(at),
        }
    }

    /// A container the visitor left unfinished, with the reader at `pos` (serde_json's
    /// `end_map` / `end_seq`): an object stops at the comma; an array reads the comma and looks
    /// at what follows.
    #[cold]
    fn trailing(&self, pos: usize, object: bool) -> TapeError {
        let bytes = self.text.as_bytes();
        let skip = |mut at: usize| {
            while bytes
                .get(at)
                .is_some_and(|b| matches!(b, b' ' | b'\n' | b'\r' | b'\t'))
            {
                at += 1;
            }
            at
        };
        let comma = skip(pos);
        if object {
            return TapeError::syntax(Syntax::TrailingComma, Pos::Peek(comma));
        }
        let next = skip(comma + 1);
        let syntax = if bytes.get(next) == Some(&b']') {
            Syntax::TrailingComma
        } else {
            Syntax::TrailingCharacters
        };
        TapeError::syntax(syntax, Pos::Peek(next))
    }
}

/// A string of the input: borrowed, or unescaped.
enum Str<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Str<'_> {
    fn as_str(&self) -> &str {
        match self {
            Str::Borrowed(s) => s,
            Str::Owned(s) => s,
        }
    }
}

enum Number {
    U64(u64),
    I64(i64),
}

fn visitor_u64(v: u64) -> Number {
    Number::U64(v)
}

fn visitor_i64(v: i64) -> Number {
    Number::I64(v)
}

macro_rules! hinted_numbers {
    ($($method:ident)*) => {
        $(
            #[inline]
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
                self.hinted_number(visitor)
            }
        )*
    };
}

impl<'de> de::Deserializer<'de> for ValueDe<'_, 'de> {
    type Error = TapeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.node()?;
        match self.kind(&n)? {
            b'n' => visitor
                .visit_unit()
                .map_err(|e: TapeError| e.at(self.after(&n))),
            b't' => visitor
                .visit_bool(true)
                .map_err(|e: TapeError| e.at(self.after(&n))),
            b'f' => visitor
                .visit_bool(false)
                .map_err(|e: TapeError| e.at(self.after(&n))),
            b'"' => self.string(&n, visitor),
            b'[' => self.seq(&n, visitor),
            b'{' => self.map(&n, visitor),
            _ => self.any_number(&n, visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.node()?;
        match self.kind(&n)? {
            b't' => visitor
                .visit_bool(true)
                .map_err(|e: TapeError| e.at(self.after(&n))),
            b'f' => visitor
                .visit_bool(false)
                .map_err(|e: TapeError| e.at(self.after(&n))),
            _ => Err(self.invalid_type(&n, &visitor)),
        }
    }

    hinted_numbers!(
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_f32 deserialize_f64
    );

    fn deserialize_i128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.node()?;
        let text = self.slice(&n)?;
        match text.parse::<i128>() {
            Ok(v) => visitor
                .visit_i128(v)
                .map_err(|e: TapeError| e.at(self.after(&n))),
            Err(_) => Err(de::Error::custom("number out of range")),
        }
    }

    fn deserialize_u128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.node()?;
        let text = self.slice(&n)?;
        match text.parse::<u128>() {
            Ok(v) => visitor
                .visit_u128(v)
                .map_err(|e: TapeError| e.at(self.after(&n))),
            Err(_) => Err(de::Error::custom("number out of range")),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.node()?;
        match self.kind(&n)? {
            b'"' => self.string(&n, visitor),
            _ => Err(self.invalid_type(&n, &visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.node()?;
        match self.kind(&n)? {
            b'"' => match self.unescaped(&n)? {
                Str::Borrowed(s) => visitor.visit_borrowed_bytes(s.as_bytes()),
                Str::Owned(s) => visitor.visit_bytes(s.as_bytes()),
            }
            .map_err(|e: TapeError| e.at(self.after(&n))),
            b'[' => self.seq(&n, visitor),
            _ => Err(self.invalid_type(&n, &visitor)),
        }
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.node()?;
        match self.kind(&n)? {
            b'n' => visitor
                .visit_none()
                .map_err(|e: TapeError| e.at(self.after(&n))),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.node()?;
        match self.kind(&n)? {
            b'n' => visitor
                .visit_unit()
                .map_err(|e: TapeError| e.at(self.after(&n))),
            _ => Err(self.invalid_type(&n, &visitor)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        if name == RAW_VALUE_TOKEN {
            let n = self.node()?;
            return visitor
                .visit_map(TokenAccess::raw_value(self.slice(&n)?))
                .map_err(|e: TapeError| e.at(self.after(&n)));
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.container(visitor, false, true)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.container(visitor, true, false)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        // serde_json reads a struct from an object or, positionally, from an array.
        self.container(visitor, true, true)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let n = self.node()?;
        match self.kind(&n)? {
            b'"' => visitor.visit_enum(UnitVariant { de: self }),
            b'{' => self.object_variant(&n, visitor),
            _ => Err(TapeError::syntax(
                Syntax::ExpectedValue,
                Pos::Peek(self.span(&n).0),
            )),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    #[inline]
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        // Already validated by the tape: nothing to read.
        let n = self.node()?;
        visitor
            .visit_unit()
            .map_err(|e: TapeError| e.at(self.after(&n)))
    }
}

/// The children of an array or object node being read (elements; or keys, each followed by its
/// value's subtree); `pos` is where serde_json's reader would stand.
struct Children<'t, 'de> {
    de: ValueDe<'t, 'de>,
    i: usize,
    end: usize,
    pos: usize,
}

impl<'de> Children<'_, 'de> {
    /// Whether no child is left; then serde_json stands at the closing bracket it peeked at.
    #[inline]
    fn done(&mut self) -> Result<bool> {
        if self.i < self.end {
            return Ok(false);
        }
        let n = self.de.tape.get(self.de.at).copied().ok_or_else(broken)?;
        self.pos = self.de.span(&n).1 - 1;
        Ok(true)
    }

    /// Reads the value at the current child with `seed` and moves past its subtree.
    #[inline]
    fn value<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value> {
        let at = self.i;
        let n = self.de.tape.get(at).copied().ok_or_else(broken)?;
        self.i = self.de.next_of(at)?;
        let value = seed.deserialize(self.de.child(at))?;
        self.pos = self.de.span(&n).1;
        Ok(value)
    }
}

impl<'de> de::SeqAccess<'de> for &mut Children<'_, 'de> {
    type Error = TapeError;

    #[inline]
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if self.done()? {
            return Ok(None);
        }
        self.value(seed).map(Some)
    }
}

impl<'de> de::MapAccess<'de> for &mut Children<'_, 'de> {
    type Error = TapeError;

    #[inline]
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.done()? {
            return Ok(None);
        }
        let at = self.i;
        let n = self.de.tape.get(at).copied().ok_or_else(broken)?;
        self.i = at + 1;
        // serde_json reads the key, then calls the visitor, and positions the visitor's error
        // only in the object's own call (past the key and the whitespace after it). A key is
        // a string: its end is in its node.
        self.pos = ((n.other & !tape::ESCAPED) as usize).wrapping_sub(self.de.base);
        seed.deserialize(KeyDe(self.de.child(at))).map(Some)
    }

    #[inline]
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        self.value(seed)
    }
}

/// An object's key, read as serde_json's `MapKey` reads it: a string.
struct KeyDe<'t, 'de>(ValueDe<'t, 'de>);

impl<'de> de::Deserializer<'de> for KeyDe<'_, 'de> {
    type Error = TapeError;

    #[inline]
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.0.node()?;
        // No position here: see `next_key_seed`.
        self.0.string(&n, visitor).map_err(|mut e: TapeError| {
            e.0.pos = None;
            e
        })
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

/// serde_json's private protocols for `RawValue` and `arbitrary_precision` numbers: a map of one
/// entry, the type's token, then the value's text (borrowed for a `RawValue`; a `String` for a
/// number, as serde_json hands it over).
struct TokenAccess<'de> {
    token: &'static str,
    text: Option<&'de str>,
}

impl<'de> TokenAccess<'de> {
    fn raw_value(text: &'de str) -> Self {
        TokenAccess {
            token: RAW_VALUE_TOKEN,
            text: Some(text),
        }
    }

    fn number(text: &'de str) -> Self {
        TokenAccess {
            token: NUMBER_TOKEN,
            text: Some(text),
        }
    }
}

impl<'de> de::MapAccess<'de> for TokenAccess<'de> {
    type Error = TapeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.text.is_none() {
            return Ok(None);
        }
        seed.deserialize(de::value::BorrowedStrDeserializer::new(self.token))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let text = self.text.take().ok_or_else(broken)?;
        if self.token == NUMBER_TOKEN {
            seed.deserialize(text.to_owned().into_deserializer())
        } else {
            seed.deserialize(de::value::BorrowedStrDeserializer::new(text))
        }
    }
}

/// A unit variant written as a string.
struct UnitVariant<'t, 'de> {
    de: ValueDe<'t, 'de>,
}

impl<'de, 't> de::EnumAccess<'de> for UnitVariant<'t, 'de> {
    type Error = TapeError;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        // As a string value (serde_json's `deserialize_identifier`): positioned after it.
        let value = seed.deserialize(self.de)?;
        Ok((value, self))
    }
}

impl<'de> de::VariantAccess<'de> for UnitVariant<'_, 'de> {
    type Error = TapeError;

    fn unit_variant(self) -> Result<()> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _: T) -> Result<T::Value> {
        Err(de::Error::invalid_type(
            Unexpected::UnitVariant,
            &"newtype variant",
        ))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value> {
        Err(de::Error::invalid_type(
            Unexpected::UnitVariant,
            &"tuple variant",
        ))
    }

    fn struct_variant<V: Visitor<'de>>(self, _: &'static [&'static str], _: V) -> Result<V::Value> {
        Err(de::Error::invalid_type(
            Unexpected::UnitVariant,
            &"struct variant",
        ))
    }
}

/// A variant written as an object of one member (`{"Variant": value}`).
struct ObjectVariant<'t, 'de> {
    de: ValueDe<'t, 'de>,
    node: Node,
}

impl<'de, 't> de::EnumAccess<'de> for ObjectVariant<'t, 'de> {
    type Error = TapeError;
    type Variant = ValueDe<'t, 'de>;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self::Variant)> {
        let key = self.de.at + 1;
        if key >= ValueDe::close_of(&self.node) {
            return Err(TapeError::syntax(
                Syntax::ExpectedValue,
                Pos::Peek(self.de.span(&self.node).1 - 1),
            ));
        }
        // The key as a string value (serde_json's `deserialize_identifier`).
        let value = seed.deserialize(self.de.child(key))?;
        Ok((value, self.de.child(key + 1)))
    }
}

impl<'de> de::VariantAccess<'de> for ValueDe<'_, 'de> {
    type Error = TapeError;

    fn unit_variant(self) -> Result<()> {
        de::Deserialize::deserialize(self)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        de::Deserializer::deserialize_seq(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        de::Deserializer::deserialize_struct(self, "", &[], visitor)
    }
}
