//! Declared reading (issue 8, step 2): a provider declares the fields it reads from one kind of
//! object (key, [`Kind`], required or not) with [`shape!`], and [`Shape::read`]
//! takes them off the object's tape in one walk of its keys, with no serde visitor, no value
//! parsed that no field asks for, and strings borrowed until a mapper wants them.
//!
//! What a read answers, the same for every provider (docs/mapping.md#limits-and-leniency):
//! - a repeated key is answered by its last occurrence, and its type is checked where its first
//!   occurrence stands (the order a parsed object keeps);
//! - a field of the wrong type is `invalid_payload` at the field's JSON path, worded in JSON's
//!   vocabulary (`expected integer, found string "12"`); the first field at fault in document
//!   order is the one reported, an object field's own fields checked where it stands;
//! - a missing required field is reported after every present field passed, at its own path
//!   (`$.id: required field `id` is missing`);
//! - `null` is the same as absent for an optional field.
//!
//! The wording is the one the serde-derived raw types gave (so outputs stay byte-identical as
//! providers move over): `tests` below pins each form.

use super::tape;
use super::view::View;
use crate::error::{push_key, Error};
use std::borrow::Cow;
use std::cell::RefCell;

/// What a declared field holds.
#[derive(Clone, Copy)]
pub(crate) enum Kind {
    /// A string (escapes decoded).
    Str,
    /// An integer that fits `i64`.
    Int,
    /// `true` or `false`.
    Bool,
    /// A string, or an integer read as its exact digits (Razorpay's `contact`).
    StrOrInt,
    /// An object of the given shape, checked field by field where it stands.
    Object(&'static Shape),
    /// An id string, or the object it names when the request expanded it (Stripe's
    /// expandable fields, <https://docs.stripe.com/api/expanding_objects>), of the given shape.
    Expandable(&'static Shape),
    /// An array of objects of the given shape, each checked; at most
    /// [`crate::MAX_LIST_ITEMS`] of them (more is `input_too_large`).
    List(&'static Shape),
    /// Any value, kept as its text (metadata, notes).
    Any,
}

/// One declared field: its key as the provider writes it, what it holds, whether it must be
/// there.
pub(crate) struct Field {
    /// The key, exactly (no fuzzy matching).
    pub(crate) key: &'static str,
    /// What it holds.
    pub(crate) kind: Kind,
    /// Whether a payload without it (or with `null`) is refused.
    pub(crate) required: bool,
}

impl Field {
    /// An optional field.
    pub(crate) const fn optional(key: &'static str, kind: Kind) -> Self {
        Field {
            key,
            kind,
            required: false,
        }
    }

    /// A required field.
    pub(crate) const fn required(key: &'static str, kind: Kind) -> Self {
        Field {
            key,
            kind,
            required: true,
        }
    }
}

/// The fields read from one kind of object, in declaration order, and how a key finds its
/// field (a `match` that [`shape!`] writes, as serde's derive does).
pub(crate) struct Shape {
    /// The fields.
    pub(crate) fields: &'static [Field],
    /// The index in `fields` of a key (its bytes, escapes decoded).
    pub(crate) index: fn(&[u8]) -> Option<usize>,
    /// The [`key_set`] of the fields' keys: most keys of an object are not declared, and a bit
    /// test tells most of them apart before `index` compares strings.
    pub(crate) keys: KeySet,
}

/// Declares a [`Shape`] and names its fields: `shape! { PAYMENT: Payment { id = "id": Str
/// required, amount = "amount": Int, ... } }` gives `static PAYMENT: Shape` and `enum Payment`
/// whose variants index a [`Record`] read with it.
macro_rules! shape {
    ($(#[$meta:meta])* $vis:vis static $name:ident: $fields:ident {
        $($(#[$fmeta:meta])* $field:ident = $key:literal : $kind:expr $(, $required:ident)?;)*
    }) => {
        #[doc = concat!("The fields of [`", stringify!($name), "`], in declaration order.")]
        #[allow(non_camel_case_types, dead_code)]
        #[derive(Clone, Copy)]
        #[repr(usize)]
        $vis enum $fields {
            $($(#[$fmeta])* $field,)*
        }

        impl $fields {
            /// How many fields.
            #[allow(dead_code)]
            $vis const COUNT: usize = [$($key),*].len();
        }

        // Field indices are kept as bytes.
        const _: () = assert!([$($key),*].len() <= 255, "a shape declares at most 255 fields");

        impl From<$fields> for usize {
            fn from(field: $fields) -> usize {
                field as usize
            }
        }

        $(#[$meta])*
        $vis static $name: $crate::reader::shape::Shape = $crate::reader::shape::Shape {
            fields: &[$($crate::reader::shape::shape!(@field $key, $kind $(, $required)?)),*],
            // Keys compared as bytes: `fill` takes a key straight from the input, with no `&str`
            // made of it.
            index: |key| {
                $(if key == $key.as_bytes() {
                    return Some($fields::$field as usize);
                })*
                None
            },
            keys: $crate::reader::shape::key_set(&[$($key),*]),
        };
    };
    (@field $key:literal, $kind:expr) => {
        $crate::reader::shape::Field::optional($key, $kind)
    };
    (@field $key:literal, $kind:expr, required) => {
        $crate::reader::shape::Field::required($key, $kind)
    };
}
pub(crate) use shape;

/// The fields of one object as a read found them: for each declared field, the tape index of
/// its value (its last occurrence), and the order in which they first appeared. Built by
/// [`Shape::scan`]; typed by [`Record::check`].
pub(crate) struct Record<'t, 'a, const N: usize> {
    object: View<'t, 'a>,
    /// Tape index of each field's value, 0 when absent (index 0 is never a member's value).
    at: [u32; N],
    /// Field indices in the order of their first occurrence; `seen` of them are set.
    order: [u8; N],
    seen: usize,
    shape: &'static Shape,
}

/// A nested object's fields as [`check_object`] found them, kept for the mapper's
/// [`Shape::scan`] of the same object right after (each nested object was walked twice, about
/// a twentieth of a Stripe list's native time).
struct Kept {
    /// The tape (its address and length), the object's index on it, and the shape.
    tape: (usize, usize),
    at: u32,
    shape: usize,
    slots: [u32; MAX_FIELDS],
    order: [u8; MAX_FIELDS],
    seen: u8,
}

/// The most [`Kept`] fills held at once (a payload's nested objects; more are walked again).
const MAX_KEPT: usize = 16;

thread_local! {
    /// Emptied whenever a tape is built ([`forget_kept`]) and when a record's check starts, so
    /// an entry always describes the tape that is there now: a tape only changes by being
    /// built.
    static KEPT: RefCell<Vec<Kept>> = const { RefCell::new(Vec::new()) };
}

/// Drops every [`Kept`] fill: called by [`super::tape::build`] before it writes a tape.
pub(super) fn forget_kept() {
    KEPT.with(|k| {
        if let Ok(mut k) = k.try_borrow_mut() {
            k.clear();
        }
    });
}

/// The identity of `object`'s tape, for [`Kept`].
fn tape_of(object: View<'_, '_>) -> ((usize, usize), usize) {
    let (_, _, nodes, at) = object.parts();
    ((nodes.as_ptr() as usize, nodes.len()), at)
}

impl Shape {
    /// Finds the declared fields of `object` in one walk of its keys, or takes them from the
    /// check of its parent that just walked them (nothing is typed yet: see [`Record::check`]).
    /// `N` must be the shape's field count (the `COUNT` that [`shape!`] declares); a non-object
    /// has no fields.
    pub(crate) fn scan<'t, 'a, const N: usize>(
        &'static self,
        object: View<'t, 'a>,
    ) -> Record<'t, 'a, N> {
        let mut record = Record {
            object,
            at: [0; N],
            order: [0; N],
            seen: 0,
            shape: self,
        };
        recall_or_fill(
            self,
            object,
            &mut record.at,
            &mut record.order,
            &mut record.seen,
        );
        record
    }
}

impl Shape {
    /// Reads the object `text` with this shape (`N` its field count), as every provider does:
    /// `first` looks at the record before any field is typed (what kind of object it is: its
    /// error wins over any field's type), then every field is checked with the `numbers`
    /// wording, then `map` makes the unified object from the checked record and what `first`
    /// found. Errors are relative to the object (`$.amount`).
    pub(crate) fn read<const N: usize, A, T>(
        &'static self,
        text: &str,
        numbers: Numbers,
        first: impl FnOnce(&Record<'_, '_, N>) -> Result<A, Error>,
        map: impl FnOnce(&Record<'_, '_, N>, A) -> Result<T, Error>,
    ) -> Result<T, Error> {
        crate::reader::view(text, |object| {
            let record = self.scan::<N>(object);
            let found = first(&record)?;
            record.check("$", numbers)?;
            map(&record, found)
        })
        .map_err(|e| Error::from_json(e, text))?
    }

    /// Whether a dotted source path (`acquirer_data.rrn`, as the field-source tables of
    /// [`crate::fields`] write them) names a declared field, each step through a declared
    /// [`Kind::Object`] (or into a [`Kind::Any`] value, which the mapper reads itself): how a
    /// provider's tests keep its field table and its shapes in step.
    #[cfg(test)]
    pub(crate) fn declares(&self, source: &str) -> bool {
        let (step, rest) = match source.split_once('.') {
            Some((step, rest)) => (step, Some(rest)),
            None => (source, None),
        };
        // `data[0]`: an item of a declared list.
        let (key, item) = match step.strip_suffix(']').and_then(|s| s.split_once('[')) {
            Some((key, index)) if index.bytes().all(|b| b.is_ascii_digit()) => (key, true),
            _ => (step, false),
        };
        let Some(field) = (self.index)(key.as_bytes()).and_then(|i| self.fields.get(i)) else {
            return false;
        };
        match (rest, field.kind) {
            (None, kind) if item => matches!(kind, Kind::List(_)),
            (None, _) => true,
            (Some(rest), Kind::List(inner)) if item => inner.declares(rest),
            (Some(rest), Kind::Object(inner) | Kind::Expandable(inner)) if !item => {
                inner.declares(rest)
            }
            // Inside a value kept whole (`_links.self.href`), the mapper reads what it needs.
            (Some(_), Kind::Any) => true,
            (Some(_), _) => false,
        }
    }
}

/// A 128-bit set of key hashes ([`key_bit`]), as two 64-bit halves: 128-bit shifts are library
/// calls in wasm32 (`__ashlti3`, 0.8% of a Stripe list's time when the set was a `u128`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct KeySet([u64; 2]);

impl KeySet {
    /// Whether the set holds every bit of `other` (one bit, from [`key_bit`]).
    #[inline]
    pub(crate) const fn has(self, other: KeySet) -> bool {
        (self.0[0] & other.0[0]) | (self.0[1] & other.0[1]) != 0
    }

    /// Both sets' bits.
    const fn union(self, other: KeySet) -> KeySet {
        KeySet([self.0[0] | other.0[0], self.0[1] | other.0[1]])
    }
}

/// The bit of a key set ([`key_set`]) that stands for `key`: a hash of its length, first and
/// last bytes. Two keys with the same bit may differ; two equal keys never do.
#[inline]
pub(crate) const fn key_bit(key: &[u8]) -> KeySet {
    let n = key.len();
    if n == 0 {
        return KeySet([1, 0]);
    }
    let h = (n as u32)
        .wrapping_mul(0x9E37)
        .wrapping_add((key[0] as u32).wrapping_mul(0x85EB))
        .wrapping_add((key[n - 1] as u32).wrapping_mul(0xC2B3));
    let h = h ^ (h >> 7);
    let bit = 1u64 << (h & 63);
    if h & 64 == 0 {
        KeySet([bit, 0])
    } else {
        KeySet([0, bit])
    }
}

/// The set of [`key_bit`]s of `keys` (computed at compile time for each shape).
pub(crate) const fn key_set(keys: &[&str]) -> KeySet {
    let mut set = KeySet([0, 0]);
    let mut i = 0;
    while i < keys.len() {
        set = set.union(key_bit(keys[i].as_bytes()));
        i += 1;
    }
    set
}

/// The index in `shape.fields` of `key` (its bytes, escapes decoded): the [`key_bit`] test
/// first, which turns most undeclared keys away without a comparison.
#[inline]
fn find(shape: &Shape, key: &[u8]) -> Option<usize> {
    if !shape.keys.has(key_bit(key)) {
        return None;
    }
    (shape.index)(key)
}

/// What [`Shape::scan`] does (not generic, so one copy serves every shape): the fill that
/// [`check_object`] kept for this object and shape if there is one, else [`fill`].
#[inline(never)]
fn recall_or_fill(
    shape: &'static Shape,
    object: View<'_, '_>,
    at: &mut [u32],
    order: &mut [u8],
    seen: &mut usize,
) {
    let (tape, index) = tape_of(object);
    let n = at.len();
    let recalled = KEPT.with(|k| {
        let k = k.try_borrow().ok()?;
        let kept = k.iter().find(|e| {
            e.tape == tape && e.at as usize == index && e.shape == shape as *const Shape as usize
        })?;
        at.copy_from_slice(kept.slots.get(..n)?);
        order.copy_from_slice(kept.order.get(..n)?);
        *seen = usize::from(kept.seen);
        Some(())
    });
    if recalled.is_none() {
        fill(shape, object, at, order, seen);
    }
}

/// The walk behind [`Shape::scan`] (not generic, so one copy serves every shape). It walks the
/// tape's nodes itself rather than [`View::entries`]: this loop is the hottest of a read, and
/// the iterator's per-entry bounds and slicing were a tenth of it.
fn fill(shape: &Shape, object: View<'_, '_>, at: &mut [u32], order: &mut [u8], seen: &mut usize) {
    if !object.is_object() {
        return;
    }
    let (text, base, nodes, start) = object.parts();
    let bytes = text.as_bytes();
    let Some(open) = nodes.get(start) else { return };
    // The object's members lie between its open and its close (the node before `other`).
    let end = (open.other as usize).saturating_sub(1);
    let mut i = start + 1;
    while i + 1 < end {
        let (Some(key), Some(value)) = (nodes.get(i), nodes.get(i + 1)) else {
            return;
        };
        let value_at = i + 1;
        let first = (value.start as usize)
            .checked_sub(base)
            .and_then(|v| bytes.get(v))
            .copied()
            .unwrap_or(0);
        i = match tape::next(nodes, value_at, first) {
            Some(next) => next,
            None => return,
        };
        // The key's text without its quotes.
        let (Some(from), Some(to)) = (
            (key.start as usize + 1).checked_sub(base),
            ((key.other & !tape::ESCAPED) as usize)
                .checked_sub(1)
                .and_then(|t| t.checked_sub(base)),
        ) else {
            continue;
        };
        let Some(raw) = bytes.get(from..to) else {
            continue;
        };
        let index = if tape::escaped(key) {
            text.get(from - 1..to + 1)
                .and_then(|quoted| serde_json::from_str::<String>(quoted).ok())
                .and_then(|k| find(shape, k.as_bytes()))
        } else {
            find(shape, raw)
        };
        let Some(f) = index else { continue };
        let Some(slot) = at.get_mut(f) else { continue };
        if *slot == 0 {
            if let Some(o) = order.get_mut(*seen) {
                *o = f as u8; // ok: a shape has far fewer than 256 fields
                *seen += 1;
            }
        }
        *slot = u32::try_from(value_at).unwrap_or(0);
    }
}

impl<'t, 'a, const N: usize> Record<'t, 'a, N> {
    /// The value of `field`, `None` when absent.
    pub(crate) fn get(&self, field: impl Into<usize>) -> Option<View<'t, 'a>> {
        match self.at.get(field.into()) {
            Some(&at) if at != 0 => Some(self.object.at_index(at as usize)),
            _ => None,
        }
    }

    /// The value of the declared field whose key is `key`, `None` when absent or not declared
    /// (for checks shared by several shapes that declare the same keys).
    pub(crate) fn get_key(&self, key: &str) -> Option<View<'t, 'a>> {
        (self.shape.index)(key.as_bytes()).and_then(|i| self.get(i))
    }

    /// The object the record was read from.
    pub(crate) fn object(&self) -> View<'t, 'a> {
        self.object
    }

    /// The value of `field`, `None` when absent or `null`.
    fn value(&self, field: impl Into<usize>) -> Option<View<'t, 'a>> {
        non_null(self.get(field))
    }

    /// A checked [`Kind::Str`] or [`Kind::StrOrInt`] field.
    pub(crate) fn str(&self, field: impl Into<usize>) -> Option<Cow<'a, str>> {
        str_of(self.get(field))
    }

    /// A checked [`Kind::Bool`] field.
    pub(crate) fn bool(&self, field: impl Into<usize>) -> Option<bool> {
        match self.value(field)?.first() {
            b't' => Some(true),
            b'f' => Some(false),
            _ => None,
        }
    }

    /// A checked [`Kind::Int`] field.
    pub(crate) fn int(&self, field: impl Into<usize>) -> Option<i64> {
        int_of(self.get(field))
    }

    /// A checked [`Kind::Expandable`] field: the id, or the expanded object read with `shape`
    /// (the shape the field declares; `M` its field count).
    pub(crate) fn expandable<const M: usize>(
        &self,
        field: impl Into<usize>,
        shape: &'static Shape,
    ) -> Option<Expandable<'t, 'a, M>> {
        let v = self.value(field)?;
        if v.is_object() {
            Some(Expandable::Object(shape.scan(v)))
        } else {
            v.as_str().map(Expandable::Id)
        }
    }

    /// The first item of a checked [`Kind::List`] field, read with `shape` (the shape the field
    /// declares; `M` its field count).
    pub(crate) fn first_item<const M: usize>(
        &self,
        field: impl Into<usize>,
        shape: &'static Shape,
    ) -> Option<Record<'t, 'a, M>> {
        let item = self.value(field)?.items().next()?;
        Some(shape.scan(item))
    }

    /// A checked [`Kind::Object`] or [`Kind::Any`] field (`None` for `null`).
    pub(crate) fn view(&self, field: impl Into<usize>) -> Option<View<'t, 'a>> {
        self.value(field)
    }

    /// Checks the type of `field` alone, at `path` (the object's path), before the others
    /// (a discriminator that decides whether the rest is worth reporting).
    pub(crate) fn check_one(
        &self,
        field: impl Into<usize>,
        path: &str,
        numbers: Numbers,
    ) -> Result<(), Error> {
        let i = field.into();
        match (self.shape.fields.get(i), self.get(i)) {
            (Some(f), Some(v)) => check_value(f, v, At::Root(path), numbers),
            _ => Ok(()),
        }
    }

    /// Checks every field found, in the order of first occurrence, then that the required ones
    /// are there; `path` is the object's path.
    pub(crate) fn check(&self, path: &str, numbers: Numbers) -> Result<(), Error> {
        // The fills this check keeps are for this record's mapper.
        forget_kept();
        let order = self.order.get(..self.seen).unwrap_or_default();
        check(
            self.shape,
            self.object,
            &self.at,
            order,
            At::Root(path),
            numbers,
        )
    }
}

/// `v` unless it is `null`.
#[inline]
fn non_null<'t, 'a>(v: Option<View<'t, 'a>>) -> Option<View<'t, 'a>> {
    v.filter(|v| v.first() != b'n')
}

/// [`Record::str`] of the field's value: out of line and not generic, so one copy serves every
/// shape (inlined into each record type's accessor, it was 28 KB of the .wasm's code).
#[inline(never)]
fn str_of<'a>(v: Option<View<'_, 'a>>) -> Option<Cow<'a, str>> {
    let v = non_null(v)?;
    match v.first() {
        b'"' => v.as_str(),
        _ => Some(Cow::Borrowed(v.text())),
    }
}

/// [`Record::int`] of the field's value (one copy, as [`str_of`]).
#[inline(never)]
fn int_of(v: Option<View<'_, '_>>) -> Option<i64> {
    non_null(v)?.text().parse().ok()
}

/// How a type error names a number it found. Two wordings, both kept as each provider's
/// errors have always read (changing one is an output change, to be made on purpose).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Numbers {
    /// With its value: `found integer `12``, `found number `1.5``, as a streaming JSON reader
    /// words it (Razorpay).
    WithValue,
    /// By its kind only: `found number`, and `found a non-integer or out-of-range number`
    /// where an integer belongs, as a parsed JSON value words it (Checkout.com, Juspay).
    KindOnly,
}

/// A [`Kind::Expandable`] field as read: the id string, or the expanded object.
pub(crate) enum Expandable<'t, 'a, const N: usize> {
    /// Not expanded: the id.
    Id(Cow<'a, str>),
    /// Expanded: the object's record.
    Object(Record<'t, 'a, N>),
}

impl<'t, 'a, const N: usize> Expandable<'t, 'a, N> {
    /// The expanded object, if expanded.
    pub(crate) fn object(&self) -> Option<&Record<'t, 'a, N>> {
        match self {
            Expandable::Object(r) => Some(r),
            Expandable::Id(_) => None,
        }
    }

    /// The id: the string, or the expanded object's `id_field`.
    pub(crate) fn id(&self, id_field: impl Into<usize>) -> Option<Cow<'a, str>> {
        match self {
            Expandable::Id(id) => Some(id.clone()),
            Expandable::Object(r) => r.str(id_field),
        }
    }
}

/// Where an object being checked stands: the path it was given, or a field of an object that
/// stands somewhere. Written out only for an error.
#[derive(Clone, Copy)]
enum At<'p> {
    /// The path of the object a check started from (`$` for a payload).
    Root(&'p str),
    /// The field `key` of the object at the first.
    Field(&'p At<'p>, &'static str),
    /// The item at an index of the array at the first.
    Index(&'p At<'p>, usize),
}

impl At<'_> {
    /// The JSON path.
    fn path(self) -> String {
        match self {
            At::Root(path) => path.to_string(),
            At::Field(parent, key) => {
                let mut path = parent.path();
                push_key(&mut path, key);
                path
            }
            At::Index(parent, i) => format!("{}[{i}]", parent.path()),
        }
    }
}

/// The checks behind [`Record::check`] (not generic).
fn check(
    shape: &Shape,
    object: View<'_, '_>,
    at: &[u32],
    order: &[u8],
    path: At<'_>,
    numbers: Numbers,
) -> Result<(), Error> {
    for &i in order {
        let i = usize::from(i);
        if let (Some(field), Some(&a)) = (shape.fields.get(i), at.get(i)) {
            check_value(field, object.at_index(a as usize), path, numbers)?;
        }
    }
    for (field, &a) in shape.fields.iter().zip(at) {
        if field.required && a == 0 {
            return Err(Error::payload(
                At::Field(&path, field.key).path(),
                format!("required field `{}` is missing", field.key),
            ));
        }
    }
    Ok(())
}

/// Checks one field's value against its kind; `path` is where its object stands.
fn check_value(
    field: &Field,
    v: View<'_, '_>,
    path: At<'_>,
    numbers: Numbers,
) -> Result<(), Error> {
    let first = v.first();
    if first == b'n' && !field.required {
        return Ok(());
    }
    let here = At::Field(&path, field.key);
    let wrong = |expected: &str| {
        Error::payload(
            here.path(),
            format!("expected {expected}, found {}", found(v, numbers)),
        )
    };
    match field.kind {
        Kind::Any => Ok(()),
        Kind::Str if first == b'"' => Ok(()),
        Kind::Str => Err(wrong("string")),
        Kind::Bool if first == b't' || first == b'f' => Ok(()),
        Kind::Bool => Err(wrong("boolean")),
        Kind::StrOrInt if first == b'"' || integer(v.text()).is_some() => Ok(()),
        Kind::StrOrInt => Err(wrong("string")),
        Kind::Int => check_int(v, numbers).map_err(|message| Error::payload(here.path(), message)),
        Kind::Object(shape) if first == b'{' => check_object(shape, v, here, numbers),
        Kind::Object(_) => Err(wrong("object")),
        Kind::Expandable(shape) if first == b'{' => check_object(shape, v, here, numbers),
        Kind::Expandable(_) if first == b'"' => Ok(()),
        Kind::Expandable(_) => Err(Error::payload(
            here.path(),
            format!(
                "expected an id string or the expanded resource, found {}",
                found_any(v)
            ),
        )),
        Kind::List(shape) if first == b'[' => {
            for (i, item) in v.items().enumerate() {
                let at = At::Index(&here, i);
                if i >= crate::MAX_LIST_ITEMS {
                    return Err(Error::at(
                        crate::ErrorCode::InputTooLarge,
                        at.path(),
                        format!(
                            "{}: a list holds at most {} items; pass one page at a time",
                            crate::providers::TOO_MANY_ITEMS,
                            crate::MAX_LIST_ITEMS
                        ),
                    ));
                }
                if item.first() != b'{' {
                    return Err(Error::payload(
                        at.path(),
                        format!("expected object, found {}", found(item, numbers)),
                    ));
                }
                check_object(shape, item, at, numbers)?;
            }
            Ok(())
        }
        Kind::List(_) => Err(wrong("array")),
    }
}

/// Checks the object `v` (at `path`) against `shape`.
fn check_object(
    shape: &Shape,
    v: View<'_, '_>,
    path: At<'_>,
    numbers: Numbers,
) -> Result<(), Error> {
    let n = shape.fields.len();
    let mut seen = 0;
    if n > MAX_FIELDS {
        // A larger shape (none today): its slots on the heap, sized by the declaration.
        let mut at = vec![0u32; n];
        let mut order = vec![0u8; n];
        fill(shape, v, &mut at, &mut order, &mut seen);
        let order = order.get(..seen).unwrap_or_default();
        return check(shape, v, &at, order, path, numbers);
    }
    let mut at = [0u32; MAX_FIELDS];
    let mut order = [0u8; MAX_FIELDS];
    fill(shape, v, &mut at[..n], &mut order[..n], &mut seen);
    check(
        shape,
        v,
        &at[..n],
        order.get(..seen).unwrap_or_default(),
        path,
        numbers,
    )?;
    // Kept only once checked: a mapper reads only checked objects.
    let (tape, index) = tape_of(v);
    KEPT.with(|k| {
        let Ok(mut k) = k.try_borrow_mut() else {
            return;
        };
        if k.len() < MAX_KEPT {
            k.push(Kept {
                tape,
                at: u32::try_from(index).unwrap_or(u32::MAX),
                shape: shape as *const Shape as usize,
                slots: at,
                order,
                seen: seen as u8, // ok: at most MAX_FIELDS
            });
        }
    });
    Ok(())
}

/// The most fields of a nested shape whose slots are kept on the stack.
const MAX_FIELDS: usize = 32;

/// A JSON integer that reads as `u64` or as a negative `i64` (`-0` aside), as the integer it is.
enum Integer {
    Unsigned(u64),
    Signed(i64),
}

/// `text` as an [`Integer`] when it is one (no fraction, no exponent, in range).
fn integer(text: &str) -> Option<Integer> {
    if text.contains(['.', 'e', 'E']) {
        return None;
    }
    match text.strip_prefix('-') {
        None => text.parse().ok().map(Integer::Unsigned),
        Some("0") => None,
        Some(_) => text.parse().ok().map(Integer::Signed),
    }
}

/// Whether a number (or other value) is an `i64`; the message when not.
fn check_int(v: View<'_, '_>, numbers: Numbers) -> Result<(), String> {
    if !matches!(v.first(), b'-' | b'0'..=b'9') {
        return Err(format!("expected integer, found {}", found(v, numbers)));
    }
    let text = v.text();
    // The common case: up to 18 digits always fit.
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    if unsigned.len() <= 18 && text != "-0" && unsigned.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(());
    }
    match integer(text) {
        Some(Integer::Signed(_)) => Ok(()),
        Some(Integer::Unsigned(u)) if i64::try_from(u).is_ok() => Ok(()),
        Some(Integer::Unsigned(u)) => Err(format!("invalid value: integer `{u}`, expected i64")),
        None if numbers == Numbers::KindOnly => {
            Err("expected integer, found a non-integer or out-of-range number".to_string())
        }
        None => Err(format!("expected integer, found number `{}`", float(text))),
    }
}

/// A number as the double a JSON reader makes of it, written shortest-round-trip as serde_json
/// writes doubles (`1e+29`, `1000.0`).
fn float(text: &str) -> String {
    serde_json::from_str::<f64>(text)
        .ok()
        .and_then(serde_json::Number::from_f64)
        .map(|n| n.to_string())
        .unwrap_or_else(|| text.to_string())
}

/// What a value is, as a type error names it: `null`, `boolean `true``, `integer `5``
/// ([`Numbers::WithValue`]) or `number`, `number` (a fraction or out of range), `string "x"`,
/// `array`, `object`.
fn found(v: View<'_, '_>, numbers: Numbers) -> String {
    match v.first() {
        b'n' => "null".to_string(),
        b't' => "boolean `true`".to_string(),
        b'f' => "boolean `false`".to_string(),
        b'[' => "array".to_string(),
        b'{' => "object".to_string(),
        b'"' => format!("string {:?}", v.as_str().unwrap_or_default()),
        _ if numbers == Numbers::KindOnly => "number".to_string(),
        _ => match integer(v.text()) {
            Some(Integer::Unsigned(u)) => format!("integer `{u}`"),
            Some(Integer::Signed(i)) => format!("integer `{i}`"),
            None => "number".to_string(),
        },
    }
}

/// What a value is, as a field that takes any JSON value names what it cannot read (Stripe's
/// expandable fields): numbers with their value as the widest integer or double that holds them
/// (`integer `5``, `integer `…` as u128`, `number `1.5``).
fn found_any(v: View<'_, '_>) -> String {
    if !matches!(v.first(), b'-' | b'0'..=b'9') {
        return found(v, Numbers::WithValue);
    }
    let text = v.text();
    if let Ok(u) = text.parse::<u64>() {
        format!("integer `{u}`")
    } else if let Ok(i) = text.parse::<i64>() {
        format!("integer `{i}`")
    } else if let Ok(u) = text.parse::<u128>() {
        format!("integer `{u}` as u128")
    } else if let Ok(i) = text.parse::<i128>() {
        format!("integer `{i}` as i128")
    } else {
        match text.parse::<f64>() {
            Ok(f) if f.is_finite() => format!("number `{}`", float(text)),
            _ => "number".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reader::view;

    shape! {
        /// A shape with one field of each kind.
        static THING: T {
            id = "id": Kind::Str, required;
            count = "count": Kind::Int;
            phone = "phone": Kind::StrOrInt;
            inner = "inner": Kind::Object(&INNER);
            spaced = "a key": Kind::Int;
            any = "any": Kind::Any;
        }
    }

    shape! {
        /// The nested shape.
        static INNER: I {
            code = "code": Kind::Str;
        }
    }

    /// The record's error message, or `ok`.
    fn checked(text: &str) -> String {
        view(text, |v| {
            let r = THING.scan::<{ T::COUNT }>(v);
            match r.check("$", Numbers::WithValue) {
                Ok(()) => "ok".to_string(),
                Err(e) => e.message,
            }
        })
        .unwrap()
    }

    #[test]
    fn each_kind_is_checked_and_worded_in_json_terms() {
        let cases = [
            (r#"{"id":"x"}"#, "ok"),
            (
                r#"{"id":"x","count":null,"phone":null,"inner":null,"any":[1]}"#,
                "ok",
            ),
            (r#"{"count":1}"#, "$.id: required field `id` is missing"),
            (r#"{"id":null}"#, "$.id: expected string, found null"),
            (r#"{"id":5}"#, "$.id: expected string, found integer `5`"),
            (r#"{"id":-5}"#, "$.id: expected string, found integer `-5`"),
            (r#"{"id":1.5}"#, "$.id: expected string, found number"),
            (
                r#"{"id":true}"#,
                "$.id: expected string, found boolean `true`",
            ),
            (r#"{"id":[]}"#, "$.id: expected string, found array"),
            (r#"{"id":{}}"#, "$.id: expected string, found object"),
            (
                r#"{"id":"x","count":"12"}"#,
                r#"$.count: expected integer, found string "12""#,
            ),
            (
                r#"{"id":"x","count":1.5}"#,
                "$.count: expected integer, found number `1.5`",
            ),
            (
                r#"{"id":"x","count":1e3}"#,
                "$.count: expected integer, found number `1000.0`",
            ),
            (
                r#"{"id":"x","count":1e29}"#,
                "$.count: expected integer, found number `1e+29`",
            ),
            (
                r#"{"id":"x","count":9223372036854775808}"#,
                "$.count: invalid value: integer `9223372036854775808`, expected i64",
            ),
            (r#"{"id":"x","phone":98765}"#, "ok"),
            (
                r#"{"id":"x","phone":9.5}"#,
                "$.phone: expected string, found number",
            ),
            (
                r#"{"id":"x","inner":{"code":1}}"#,
                "$.inner.code: expected string, found integer `1`",
            ),
            (
                r#"{"id":"x","inner":["a"]}"#,
                "$.inner: expected object, found array",
            ),
            (
                r#"{"id":"x","a key":"t"}"#,
                r#"$["a key"]: expected integer, found string "t""#,
            ),
        ];
        for (text, message) in cases {
            assert_eq!(checked(text), message, "{text}");
        }
    }

    shape! {
        /// Expandable fields, lists and booleans.
        static HOLDER: H {
            flag = "flag": Kind::Bool;
            owner = "owner": Kind::Expandable(&INNER);
            items = "items": Kind::List(&INNER);
        }
    }

    /// A [`HOLDER`] check's message with `numbers`, or `ok`.
    fn held(text: &str, numbers: Numbers) -> String {
        view(text, |v| {
            match HOLDER.scan::<{ H::COUNT }>(v).check("$", numbers) {
                Ok(()) => "ok".to_string(),
                Err(e) => format!("{:?} {}", e.code, e.message),
            }
        })
        .unwrap()
    }

    #[test]
    fn expandable_list_and_boolean_fields() {
        let with = |t| held(t, Numbers::WithValue);
        assert_eq!(with(r#"{"flag":true,"owner":"cus_1","items":[]}"#), "ok");
        assert_eq!(
            with(r#"{"owner":{"code":"x"},"items":[{"code":"y"}]}"#),
            "ok"
        );
        assert_eq!(
            with(r#"{"flag":"yes"}"#),
            r#"InvalidPayload $.flag: expected boolean, found string "yes""#
        );
        assert_eq!(
            with(r#"{"owner":1.5}"#),
            "InvalidPayload $.owner: expected an id string or the expanded resource, found number `1.5`"
        );
        assert_eq!(
            with(r#"{"owner":100000000000000000000}"#),
            "InvalidPayload $.owner: expected an id string or the expanded resource, found integer `100000000000000000000` as u128"
        );
        assert_eq!(
            with(r#"{"owner":{"code":7}}"#),
            "InvalidPayload $.owner.code: expected string, found integer `7`"
        );
        assert_eq!(
            with(r#"{"items":{"code":"x"}}"#),
            "InvalidPayload $.items: expected array, found object"
        );
        assert_eq!(
            with(r#"{"items":[{"code":"x"},5]}"#),
            "InvalidPayload $.items[1]: expected object, found integer `5`"
        );
        assert_eq!(
            with(r#"{"items":[{},{"code":[]}]}"#),
            "InvalidPayload $.items[1].code: expected string, found array"
        );
        let many = format!(
            "{{\"items\":[{}{{}}]}}",
            "{},".repeat(crate::MAX_LIST_ITEMS)
        );
        assert_eq!(
            with(&many),
            format!(
                "InputTooLarge $.items[{0}]: too many items: a list holds at most {0} items; pass one page at a time",
                crate::MAX_LIST_ITEMS
            )
        );
        // The other wording names a number by its kind only.
        assert_eq!(
            held(r#"{"flag":12}"#, Numbers::KindOnly),
            "InvalidPayload $.flag: expected boolean, found number"
        );
        assert_eq!(
            checked_as(r#"{"id":"x","count":1.5}"#, Numbers::KindOnly),
            "$.count: expected integer, found a non-integer or out-of-range number"
        );
    }

    #[test]
    fn declared_source_paths() {
        assert!(THING.declares("id"));
        assert!(THING.declares("inner.code"));
        assert!(THING.declares("any.whatever.below"));
        assert!(!THING.declares("missing"));
        assert!(!THING.declares("inner.missing"));
        assert!(!THING.declares("id.below"));
        assert!(HOLDER.declares("items[0].code"));
        assert!(HOLDER.declares("owner.code"));
        assert!(!HOLDER.declares("items.code"), "a list is read by item");
        assert!(!HOLDER.declares("owner[0]"), "only a list has items");
    }

    shape! {
        /// A nested shape larger than the stack slots.
        static WIDE: W {
            f0 = "f0": Kind::Int;
            f1 = "f1": Kind::Int;
            f2 = "f2": Kind::Int;
            f3 = "f3": Kind::Int;
            f4 = "f4": Kind::Int;
            f5 = "f5": Kind::Int;
            f6 = "f6": Kind::Int;
            f7 = "f7": Kind::Int;
            f8 = "f8": Kind::Int;
            f9 = "f9": Kind::Int;
            f10 = "f10": Kind::Int;
            f11 = "f11": Kind::Int;
            f12 = "f12": Kind::Int;
            f13 = "f13": Kind::Int;
            f14 = "f14": Kind::Int;
            f15 = "f15": Kind::Int;
            f16 = "f16": Kind::Int;
            f17 = "f17": Kind::Int;
            f18 = "f18": Kind::Int;
            f19 = "f19": Kind::Int;
            f20 = "f20": Kind::Int;
            f21 = "f21": Kind::Int;
            f22 = "f22": Kind::Int;
            f23 = "f23": Kind::Int;
            f24 = "f24": Kind::Int;
            f25 = "f25": Kind::Int;
            f26 = "f26": Kind::Int;
            f27 = "f27": Kind::Int;
            f28 = "f28": Kind::Int;
            f29 = "f29": Kind::Int;
            f30 = "f30": Kind::Int;
            f31 = "f31": Kind::Int;
            f32 = "f32": Kind::Int;
            f33 = "f33": Kind::Int;
            f34 = "f34": Kind::Int;
            f35 = "f35": Kind::Int;
            f36 = "f36": Kind::Int;
            f37 = "f37": Kind::Int;
            f38 = "f38": Kind::Int;
            f39 = "f39": Kind::Int;
        }
    }

    shape! {
        /// Holds a [`WIDE`].
        static OUTER: Ou {
            wide = "wide": Kind::Object(&WIDE);
        }
    }

    #[test]
    fn a_nested_shape_of_more_than_32_fields_is_checked_whole() {
        let check = |text: &str| {
            view(text, |v| {
                OUTER
                    .scan::<{ Ou::COUNT }>(v)
                    .check("$", Numbers::WithValue)
                    .map_err(|e| e.message)
            })
            .unwrap()
        };
        assert_eq!(check(r#"{"wide":{"f0":1,"f39":2}}"#), Ok(()));
        assert_eq!(
            check(r#"{"wide":{"f0":1,"f39":"x"}}"#),
            Err(r#"$.wide.f39: expected integer, found string "x""#.to_string())
        );
    }

    /// [`checked`] with `numbers`.
    fn checked_as(text: &str, numbers: Numbers) -> String {
        view(text, |v| {
            match THING.scan::<{ T::COUNT }>(v).check("$", numbers) {
                Ok(()) => "ok".to_string(),
                Err(e) => e.message,
            }
        })
        .unwrap()
    }

    #[test]
    fn a_repeated_key_keeps_its_last_value_checked_where_it_first_stood() {
        // The last `count` is the one read ...
        view(r#"{"id":"x","count":"no","count":7}"#, |v| {
            let r = THING.scan::<{ T::COUNT }>(v);
            r.check("$", Numbers::WithValue).unwrap();
            assert_eq!(r.int(T::count), Some(7));
        })
        .unwrap();
        // ... and a wrong one is reported before a later field's fault.
        assert_eq!(
            checked(r#"{"count":1,"id":5,"count":"x"}"#),
            r#"$.count: expected integer, found string "x""#
        );
        // Escaped keys are keys like any other.
        view(r#"{"\u0069d":"a\"b","phone":12}"#, |v| {
            let r = THING.scan::<{ T::COUNT }>(v);
            r.check("$", Numbers::WithValue).unwrap();
            assert_eq!(r.str(T::id).as_deref(), Some("a\"b"));
            assert_eq!(r.str(T::phone).as_deref(), Some("12"));
        })
        .unwrap();
    }

    #[test]
    fn the_first_fault_in_document_order_is_reported() {
        assert_eq!(
            checked(r#"{"inner":{"code":2},"count":"x","id":1}"#),
            "$.inner.code: expected string, found integer `2`"
        );
        assert_eq!(
            checked(r#"{"any":5,"count":"x"}"#),
            r#"$.count: expected integer, found string "x""#,
            "type faults come before a missing field"
        );
    }
}

#[cfg(test)]
mod key_set_tests {
    use super::{key_bit, key_set, KeySet};

    #[test]
    fn a_key_set_holds_every_key_it_was_made_from() {
        let keys = [
            "id",
            "object",
            "amount",
            "amount_received",
            "currency",
            "status",
            "created",
            "customer",
            "latest_charge",
            "metadata",
            "",
            "é",
            "created_at ",
        ];
        let set = key_set(&keys);
        for k in keys {
            assert!(set.has(key_bit(k.as_bytes())), "{k:?}");
        }
        // It tells most other keys apart (a bit test, not a proof: some may share a bit).
        let others = [
            "livemode",
            "description",
            "payment_method_types",
            "next_action",
            "x",
        ];
        assert!(
            others
                .iter()
                .filter(|k| !set.has(key_bit(k.as_bytes())))
                .count()
                >= 3
        );
        // Both halves of the 128 bits are used.
        let spread = (0..200u32).fold(KeySet([0, 0]), |s, i| {
            s.union(key_bit(format!("k{i}x").as_bytes()))
        });
        assert!(spread.0[0] != 0 && spread.0[1] != 0);
    }
}
