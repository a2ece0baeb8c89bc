//! Field shapes the serde-derived raw types (Stripe's) share, read in the same pass as the
//! object that holds them: an id or the object it names, a string. Each keeps the exact JSON
//! path of a wrong-typed value inside it (serde's buffered `#[serde(untagged)]` would lose it), which is why they are visitors and
//! live here, once, rather than in a provider's folder.

use serde::de::value::{BorrowedStrDeserializer, MapAccessDeserializer, StringDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// The map key serde_json (`arbitrary_precision`) uses to hand a number to `deserialize_any`
/// visitors as a one-entry map holding the number's text.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// Replays a map's first key (already read to tell a number from an object) before handing the
/// rest of the map on, so an expanded object is read in the same pass as its parent.
struct Replay<'de, M> {
    /// `Some(Some(key))`: the key to hand out next; `Some(None)`: the map was empty; `None`: read
    /// on from `map`.
    first: Option<Option<Str<'de>>>,
    map: M,
}

impl<'de, M: MapAccess<'de>> MapAccess<'de> for Replay<'de, M> {
    type Error = M::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        match self.first.take() {
            Some(Some(Str(Cow::Borrowed(key)))) => seed
                .deserialize(BorrowedStrDeserializer::new(key))
                .map(Some),
            Some(Some(Str(Cow::Owned(key)))) => {
                seed.deserialize(StringDeserializer::new(key)).map(Some)
            }
            Some(None) => {
                self.first = Some(None);
                Ok(None)
            }
            None => self.map.next_key_seed(seed),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Self::Error> {
        self.map.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// The error a visitor without number support gives for a number (whose text serde_json handed
/// over as [`NUMBER_TOKEN`]'s value), worded as for a parsed `serde_json::Value` number.
fn number_error<'de, V: Visitor<'de>, E: de::Error>(
    visitor: V,
    number: &str,
) -> Result<V::Value, E> {
    if let Ok(u) = number.parse::<u64>() {
        visitor.visit_u64(u)
    } else if let Ok(i) = number.parse::<i64>() {
        visitor.visit_i64(i)
    } else if let Ok(u) = number.parse::<u128>() {
        visitor.visit_u128(u)
    } else if let Ok(i) = number.parse::<i128>() {
        visitor.visit_i128(i)
    } else {
        match number.parse::<f64>() {
            Ok(f) if f.is_finite() => visitor.visit_f64(f),
            _ => Err(E::invalid_type(de::Unexpected::Other("number"), &visitor)),
        }
    }
}

/// A field holding an id string or the object it names (Stripe's expandable fields,
/// <https://docs.stripe.com/api/expanding_objects>). Deserialized by hand (an untagged "id or
/// object" enum) so that the expanded object is read in the same pass and a wrong-typed field
/// inside it keeps its exact JSON path (`$.latest_charge.amount`), which serde's buffered
/// `#[serde(untagged)]` would lose.
#[derive(Debug)]
pub(crate) enum IdOrObject<'a, T> {
    /// Not expanded: the object's id.
    Id(Str<'a>),
    /// Expanded: the object.
    Object(T),
}

impl<T> IdOrObject<'_, T> {
    /// The expanded object, if expanded.
    pub(crate) fn object(&self) -> Option<&T> {
        match self {
            IdOrObject::Object(t) => Some(t),
            IdOrObject::Id(_) => None,
        }
    }

    /// The id, whether expanded (`id_of` reads it from the object) or not.
    pub(crate) fn id<'s>(&'s self, id_of: impl Fn(&'s T) -> Option<&'s str>) -> Option<&'s str> {
        match self {
            IdOrObject::Id(id) => Some(id),
            IdOrObject::Object(t) => id_of(t),
        }
    }
}

impl<'de: 'a, 'a, T: Deserialize<'de>> Deserialize<'de> for IdOrObject<'a, T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        /// Visits a string (id) or a map (expanded object).
        struct IdOrObjectVisitor<'a, T>(PhantomData<fn() -> (&'a (), T)>);

        impl<'de: 'a, 'a, T: Deserialize<'de>> Visitor<'de> for IdOrObjectVisitor<'a, T> {
            type Value = IdOrObject<'a, T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an id string or the expanded resource")
            }

            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(IdOrObject::Id(Str(Cow::Borrowed(v))))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(IdOrObject::Id(Str(Cow::Owned(v.to_owned()))))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(IdOrObject::Id(Str(Cow::Owned(v))))
            }

            fn visit_seq<S: de::SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
                // Read to the closing `]` so the error names the field, not its first item.
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Err(de::Error::invalid_type(de::Unexpected::Seq, &self))
            }

            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                let first: Option<Str<'de>> = map.next_key()?;
                if first.as_deref() == Some(NUMBER_TOKEN) {
                    let number: Str<'de> = map.next_value()?;
                    return number_error(self, &number);
                }
                let rest = Replay {
                    first: Some(first),
                    map,
                };
                T::deserialize(MapAccessDeserializer::new(rest)).map(IdOrObject::Object)
            }
        }

        d.deserialize_any(IdOrObjectVisitor(PhantomData))
    }
}

/// A JSON string of the input (shared by the providers' raw types): borrowed when it has no
/// escapes, unescaped into an owned string otherwise (`Option<Cow<'a, str>>` would always
/// allocate: serde borrows only a bare `Cow`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Str<'a>(pub(crate) Cow<'a, str>);

impl Str<'_> {
    /// The string.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Str<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Str<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(StrVisitor(PhantomData))
    }
}

/// Visits a string, borrowed when the input allows.
struct StrVisitor<'a>(PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for StrVisitor<'a> {
    type Value = Str<'a>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Worded for `describe_serde`, which turns it into "expected string".
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Str(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Str(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Str(Cow::Owned(v)))
    }
}
