//! A serde `Deserializer` over the tape, so the providers' raw types (`raw_struct!`, serde
//! derives, `Value`, `&RawValue`) read from it unchanged. It answers exactly as serde_json's
//! `from_str` would for the same text or fails with [`Fallback`], never with a different value:
//! values it cannot hand over exactly as serde_json does (a float for a numeric hint, bytes,
//! 128-bit integers, numbers as map keys, nesting near serde_json's recursion limit) are
//! `Fallback`, and the caller then asks serde_json itself, which also gives every error its
//! exact wording and position.
//!
//! Skipping an unread value costs one tape lookup, whatever its size.

use super::tape::Node;
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use std::fmt;

/// "Ask serde_json": the only error of this deserializer. serde_json reports the real one;
/// only a visitor's own message is kept, to tell [`super::STOP`] (a probe that has read enough)
/// from a failure.
#[derive(Debug)]
pub(crate) struct Fallback(pub Option<String>);

/// A fallback of the deserializer itself (no visitor message).
const FALLBACK: Fallback = Fallback(None);

impl fmt::Display for Fallback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.as_deref().unwrap_or("read again with serde_json"))
    }
}

impl std::error::Error for Fallback {}

impl de::Error for Fallback {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Fallback(Some(message.to_string()))
    }
}

/// serde_json's private name for `RawValue` (`serde_json::raw::TOKEN`, stable since 1.0.29).
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";
/// serde_json's private name for an `arbitrary_precision` number (`serde_json::number::TOKEN`).
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// serde_json's recursion limit is 128 levels below the text it reads; nesting this deep below
/// one read is left to serde_json so that its limit applies exactly.
const DEPTH_LIMIT: usize = 120;

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

type Result<T> = std::result::Result<T, Fallback>;

impl<'t, 'de> ValueDe<'t, 'de> {
    #[inline]
    fn node(&self) -> Result<Node> {
        self.tape.get(self.at).copied().ok_or(FALLBACK)
    }

    /// The node's text (a slice of `text`).
    #[inline]
    fn slice(&self, n: &Node) -> Result<&'de str> {
        let start = (n.start as usize).checked_sub(self.base).ok_or(FALLBACK)?;
        let end = n.end().checked_sub(self.base).ok_or(FALLBACK)?;
        self.text.get(start..end).ok_or(FALLBACK)
    }

    /// The node's first byte: its kind.
    #[inline]
    fn kind(&self, n: &Node) -> Result<u8> {
        self.text
            .as_bytes()
            .get((n.start as usize).wrapping_sub(self.base))
            .copied()
            .ok_or(FALLBACK)
    }

    fn child(&self, at: usize) -> ValueDe<'t, 'de> {
        ValueDe {
            at,
            depth: self.depth + 1,
            ..*self
        }
    }

    fn string<V: Visitor<'de>>(&self, n: &Node, visitor: V) -> Result<V::Value> {
        let quoted = self.slice(n)?;
        if n.escaped() {
            let owned: String = serde_json::from_str(quoted).map_err(|_| FALLBACK)?;
            visitor.visit_str(&owned)
        } else {
            visitor.visit_borrowed_str(quoted.get(1..quoted.len() - 1).ok_or(FALLBACK)?)
        }
    }

    /// A number as serde_json's `deserialize_any` gives it with `arbitrary_precision`: a `u64`,
    /// a negative `i64`, or else the number's text.
    fn any_number<V: Visitor<'de>>(&self, n: &Node, visitor: V) -> Result<V::Value> {
        let text = self.slice(n)?;
        if let Some(digits) = text.strip_prefix('-') {
            if digits != "0" {
                if let Ok(v) = text.parse::<i64>() {
                    return visitor.visit_i64(v);
                }
            }
        } else if let Ok(v) = text.parse::<u64>() {
            return visitor.visit_u64(v);
        }
        visitor.visit_map(NumberAccess { text: Some(text) })
    }

    /// A number for a numeric hint: serde_json parses it as `u64`, negative `i64` or `f64`;
    /// floats are left to serde_json (its float parsing is its own).
    fn hinted_number<V: Visitor<'de>>(&self, visitor: V) -> Result<V::Value> {
        let n = self.node()?;
        if !matches!(self.kind(&n)?, b'-' | b'0'..=b'9') {
            return Err(FALLBACK);
        }
        let text = self.slice(&n)?;
        if text.starts_with('-') {
            visitor.visit_i64(text.parse().map_err(|_| FALLBACK)?)
        } else {
            visitor.visit_u64(text.parse().map_err(|_| FALLBACK)?)
        }
    }

    fn seq<V: Visitor<'de>>(&self, n: &Node, visitor: V) -> Result<V::Value> {
        if self.depth >= DEPTH_LIMIT {
            return Err(FALLBACK);
        }
        let mut access = SeqAccess {
            de: *self,
            i: self.at + 1,
            end: n.next as usize,
        };
        let value = visitor.visit_seq(&mut access)?;
        // serde_json fails when the visitor leaves elements unread.
        if access.i < access.end {
            return Err(FALLBACK);
        }
        Ok(value)
    }

    fn map<V: Visitor<'de>>(&self, n: &Node, visitor: V) -> Result<V::Value> {
        if self.depth >= DEPTH_LIMIT {
            return Err(FALLBACK);
        }
        let mut access = MapAccess {
            de: *self,
            i: self.at + 1,
            end: n.next as usize,
        };
        let value = visitor.visit_map(&mut access)?;
        if access.i < access.end {
            return Err(FALLBACK);
        }
        Ok(value)
    }
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

macro_rules! fallback {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
                Err(FALLBACK)
            }
        )*
    };
}

impl<'de> de::Deserializer<'de> for ValueDe<'_, 'de> {
    type Error = Fallback;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.node()?;
        match self.kind(&n)? {
            b'n' => visitor.visit_unit(),
            b't' => visitor.visit_bool(true),
            b'f' => visitor.visit_bool(false),
            b'"' => self.string(&n, visitor),
            b'[' => self.seq(&n, visitor),
            b'{' => self.map(&n, visitor),
            _ => self.any_number(&n, visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.node()?;
        match self.kind(&n)? {
            b't' => visitor.visit_bool(true),
            b'f' => visitor.visit_bool(false),
            _ => Err(FALLBACK),
        }
    }

    hinted_numbers!(
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
    );

    fallback!(
        deserialize_f32 deserialize_f64 deserialize_i128 deserialize_u128
        deserialize_bytes deserialize_byte_buf
    );

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.node()?;
        match self.kind(&n)? {
            b'"' => self.string(&n, visitor),
            _ => Err(FALLBACK),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.node()?;
        match self.kind(&n)? {
            b'n' => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.node()?;
        match self.kind(&n)? {
            b'n' => visitor.visit_unit(),
            _ => Err(FALLBACK),
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
            return visitor.visit_map(RawValueAccess {
                text: Some(self.slice(&n)?),
            });
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.node()?;
        match self.kind(&n)? {
            b'[' => self.seq(&n, visitor),
            _ => Err(FALLBACK),
        }
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
        let n = self.node()?;
        match self.kind(&n)? {
            b'{' => self.map(&n, visitor),
            _ => Err(FALLBACK),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let n = self.node()?;
        match self.kind(&n)? {
            b'{' => self.map(&n, visitor),
            b'[' => self.seq(&n, visitor),
            _ => Err(FALLBACK),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let n = self.node()?;
        match self.kind(&n)? {
            // A unit variant written as a string; other forms are left to serde_json.
            b'"' => visitor.visit_enum(UnitVariant { de: self }),
            _ => Err(FALLBACK),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    #[inline]
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        // Already validated by the tape: nothing to read.
        visitor.visit_unit()
    }
}

/// The elements of an array node.
struct SeqAccess<'t, 'de> {
    de: ValueDe<'t, 'de>,
    i: usize,
    end: usize,
}

impl<'de> de::SeqAccess<'de> for &mut SeqAccess<'_, 'de> {
    type Error = Fallback;

    #[inline]
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if self.i >= self.end {
            return Ok(None);
        }
        let at = self.i;
        self.i = self.de.tape.get(at).ok_or(FALLBACK)?.next as usize;
        seed.deserialize(self.de.child(at)).map(Some)
    }
}

/// The members of an object node: a key node, then its value's subtree.
struct MapAccess<'t, 'de> {
    de: ValueDe<'t, 'de>,
    i: usize,
    end: usize,
}

impl<'de> de::MapAccess<'de> for &mut MapAccess<'_, 'de> {
    type Error = Fallback;

    #[inline]
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.i >= self.end {
            return Ok(None);
        }
        let at = self.i;
        self.i = at + 1;
        seed.deserialize(KeyDe(self.de.child(at))).map(Some)
    }

    #[inline]
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let at = self.i;
        self.i = self.de.tape.get(at).ok_or(FALLBACK)?.next as usize;
        // Keys are one level below their object; values too.
        let mut de = self.de.child(at);
        de.depth = self.de.depth + 1;
        seed.deserialize(de)
    }
}

/// An object's key: a string; any other reading of it is left to serde_json.
struct KeyDe<'t, 'de>(ValueDe<'t, 'de>);

impl<'de> de::Deserializer<'de> for KeyDe<'_, 'de> {
    type Error = Fallback;

    #[inline]
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = self.0.node()?;
        self.0.string(&n, visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_some(self)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        if name == RAW_VALUE_TOKEN {
            return Err(FALLBACK);
        }
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        char str string identifier
    }

    fallback!(
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_f32
        deserialize_f64 deserialize_i128 deserialize_u128 deserialize_bytes deserialize_byte_buf
        deserialize_unit deserialize_seq deserialize_map
    );

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, _: V) -> Result<V::Value> {
        Err(FALLBACK)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value> {
        Err(FALLBACK)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        _: V,
    ) -> Result<V::Value> {
        Err(FALLBACK)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        _: V,
    ) -> Result<V::Value> {
        Err(FALLBACK)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        _: V,
    ) -> Result<V::Value> {
        Err(FALLBACK)
    }
}

/// serde_json's `RawValue` protocol: one entry, the token, then the raw text.
struct RawValueAccess<'de> {
    text: Option<&'de str>,
}

impl<'de> de::MapAccess<'de> for RawValueAccess<'de> {
    type Error = Fallback;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.text.is_none() {
            return Ok(None);
        }
        seed.deserialize(de::value::BorrowedStrDeserializer::new(RAW_VALUE_TOKEN))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let text = self.text.take().ok_or(FALLBACK)?;
        seed.deserialize(de::value::BorrowedStrDeserializer::new(text))
    }
}

/// serde_json's `arbitrary_precision` number protocol: one entry, the token, then the number's
/// text.
struct NumberAccess<'de> {
    text: Option<&'de str>,
}

impl<'de> de::MapAccess<'de> for NumberAccess<'de> {
    type Error = Fallback;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.text.is_none() {
            return Ok(None);
        }
        seed.deserialize(de::value::BorrowedStrDeserializer::new(NUMBER_TOKEN))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let text = self.text.take().ok_or(FALLBACK)?;
        // serde_json hands the text over as an owned `String`.
        seed.deserialize(text.to_owned().into_deserializer())
    }
}

/// A unit variant written as a string.
struct UnitVariant<'t, 'de> {
    de: ValueDe<'t, 'de>,
}

impl<'de, 't> de::EnumAccess<'de> for UnitVariant<'t, 'de> {
    type Error = Fallback;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let value = seed.deserialize(KeyDe(self.de))?;
        Ok((value, self))
    }
}

impl<'de> de::VariantAccess<'de> for UnitVariant<'_, 'de> {
    type Error = Fallback;

    fn unit_variant(self) -> Result<()> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _: T) -> Result<T::Value> {
        Err(FALLBACK)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value> {
        Err(FALLBACK)
    }

    fn struct_variant<V: Visitor<'de>>(self, _: &'static [&'static str], _: V) -> Result<V::Value> {
        Err(FALLBACK)
    }
}
