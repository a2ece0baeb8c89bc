//! The unified JSON written straight into one byte buffer: the hot path of [`crate::normalize_json`]
//! and [`crate::normalize_json_spliced`] (issue 8, item 3). Only `&str`s and JSON text are
//! appended, so the buffer is a `String` throughout: nothing to validate at the end.
//!
//! The bytes are exactly those `serde_json::to_string` writes for the same [`Normalized`] (compact,
//! fields in declared order, `remote_data` last and left out when absent, strings escaped as
//! serde_json escapes them: `\"`, `\\`, `\b \f \n \r \t`, other control characters as `\u00xx`,
//! everything else verbatim); the tests hold the two equal on every fixture and on generated
//! shapes. What it saves is serde's per-field `Serializer` calls, its formatter indirection and
//! the intermediate `String`s: each field is one escape scan and one copy into a buffer the caller
//! keeps between calls.

use crate::error::Error;
use crate::unified::{Customer, CustomerRef, List, Normalized, Order, Payment, PaymentMethod};
use crate::unified::{RawJson, Status};
use serde_json::Value;

/// What goes in place of an item's `remote_data`.
pub(crate) trait Remote {
    /// Writes `,"remote_data":<value>` for an item whose own `remote_data` is `None`, or nothing.
    fn write(&mut self, out: &mut String);
}

/// `remote_data` is the item's own (or absent): [`crate::normalize_json`].
pub(crate) struct Own;

impl Remote for Own {
    fn write(&mut self, _: &mut String) {}
}

/// A unified object that writes itself as JSON.
pub(crate) trait Unified {
    /// Writes the object's JSON; `remote` supplies `remote_data` where the object has none.
    fn write_json(&self, out: &mut String, remote: &mut dyn Remote) -> Result<(), Error>;
}

/// Writes one normalized result (an object or a list) with `remote` filling absent `remote_data`.
pub(crate) fn write_normalized(
    normalized: &Normalized,
    out: &mut String,
    remote: &mut dyn Remote,
) -> Result<(), Error> {
    match normalized {
        Normalized::Customer(c) => c.write_json(out, remote),
        Normalized::Order(o) => o.write_json(out, remote),
        Normalized::Payment(p) => p.write_json(out, remote),
        Normalized::Customers(l) => write_list(l, out, remote),
        Normalized::Orders(l) => write_list(l, out, remote),
        Normalized::Payments(l) => write_list(l, out, remote),
    }
}

fn write_list<T: Unified>(
    list: &List<T>,
    out: &mut String,
    remote: &mut dyn Remote,
) -> Result<(), Error> {
    out.push_str("{\"result\":[");
    for (i, item) in list.result.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        item.write_json(out, remote)?;
    }
    out.push_str("],\"next_cursor\":");
    opt_str(out, list.next_cursor.as_deref());
    out.push('}');
    Ok(())
}

fn remote_data(out: &mut String, own: Option<&RawJson>, remote: &mut dyn Remote) {
    match own {
        Some(raw) => {
            out.push_str(",\"remote_data\":");
            out.push_str(raw.get());
        }
        None => remote.write(out),
    }
    out.push('}');
}

impl Unified for Customer {
    fn write_json(&self, out: &mut String, remote: &mut dyn Remote) -> Result<(), Error> {
        out.push_str("{\"id\":");
        string(out, &self.id);
        out.push_str(",\"name\":");
        opt_str(out, self.name.as_deref());
        out.push_str(",\"email\":");
        opt_str(out, self.email.as_deref());
        out.push_str(",\"phone\":");
        opt_str(out, self.phone.as_deref());
        out.push_str(",\"created_at\":");
        opt_str(out, self.created_at.as_deref());
        out.push_str(",\"updated_at\":");
        opt_str(out, self.updated_at.as_deref());
        remote_data(out, self.remote_data.as_ref(), remote);
        Ok(())
    }
}

fn customer_ref(out: &mut String, c: Option<&CustomerRef>) {
    let Some(c) = c else {
        out.push_str("null");
        return;
    };
    out.push_str("{\"id\":");
    opt_str(out, c.id.as_deref());
    out.push_str(",\"name\":");
    opt_str(out, c.name.as_deref());
    out.push_str(",\"email\":");
    opt_str(out, c.email.as_deref());
    out.push_str(",\"phone\":");
    opt_str(out, c.phone.as_deref());
    out.push('}');
}

fn payment_method(out: &mut String, m: Option<&PaymentMethod>) {
    let Some(m) = m else {
        out.push_str("null");
        return;
    };
    out.push_str("{\"id\":");
    opt_str(out, m.id.as_deref());
    out.push_str(",\"method\":");
    opt_str(out, m.method.as_deref());
    out.push('}');
}

fn status(out: &mut String, s: &Status) {
    string(out, s.as_str());
}

impl Unified for Payment {
    fn write_json(&self, out: &mut String, remote: &mut dyn Remote) -> Result<(), Error> {
        out.push_str("{\"id\":");
        string(out, &self.id);
        out.push_str(",\"amount\":");
        opt_str(out, self.amount.as_deref());
        out.push_str(",\"currency\":");
        opt_str(out, self.currency.as_deref());
        out.push_str(",\"transaction_fee\":");
        opt_str(out, self.transaction_fee.as_deref());
        out.push_str(",\"refund_amount\":");
        opt_str(out, self.refund_amount.as_deref());
        out.push_str(",\"status\":");
        status(out, &self.status);
        out.push_str(",\"customer\":");
        customer_ref(out, self.customer.as_ref());
        out.push_str(",\"description\":");
        opt_str(out, self.description.as_deref());
        out.push_str(",\"payment_method\":");
        payment_method(out, self.payment_method.as_ref());
        out.push_str(",\"created_at\":");
        opt_str(out, self.created_at.as_deref());
        out.push_str(",\"expires_on\":");
        opt_str(out, self.expires_on.as_deref());
        out.push_str(",\"reference_id\":");
        opt_str(out, self.reference_id.as_deref());
        out.push_str(",\"order_id\":");
        opt_str(out, self.order_id.as_deref());
        out.push_str(",\"metadata\":");
        match &self.metadata {
            None => out.push_str("null"),
            Some(v) => value(out, v),
        }
        remote_data(out, self.remote_data.as_ref(), remote);
        Ok(())
    }
}

impl Unified for Order {
    fn write_json(&self, out: &mut String, remote: &mut dyn Remote) -> Result<(), Error> {
        out.push_str("{\"id\":");
        string(out, &self.id);
        out.push_str(",\"amount\":");
        match &self.amount {
            None => out.push_str("null"),
            Some(text) => number(out, text)?,
        }
        out.push_str(",\"currency\":");
        opt_str(out, self.currency.as_deref());
        out.push_str(",\"created_at\":");
        opt_str(out, self.created_at.as_deref());
        out.push_str(",\"updated_at\":");
        opt_str(out, self.updated_at.as_deref());
        out.push_str(",\"status\":");
        status(out, &self.status);
        out.push_str(",\"customer\":");
        customer_ref(out, self.customer.as_ref());
        out.push_str(",\"payment\":");
        match &self.payment {
            None => out.push_str("null"),
            // The embedded payment's own remote_data only (none, as mapped): never a hole.
            Some(p) => p.write_json(out, &mut Own)?,
        }
        remote_data(out, self.remote_data.as_ref(), remote);
        Ok(())
    }
}

/// An order amount: exact decimal text written as a JSON number token (never through a float).
fn number(out: &mut String, text: &str) -> Result<(), Error> {
    if is_json_number(text.as_bytes()) {
        out.push_str(text);
        return Ok(());
    }
    // Not produced by the money rule; serde_json decides (and words) it as the derive path does.
    let n: serde_json::Number = text.parse().map_err(crate::output_error)?;
    out.push_str(&n.to_string());
    Ok(())
}

/// RFC 8259's `number`: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
fn is_json_number(b: &[u8]) -> bool {
    let mut i = usize::from(b.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let from = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > from
    };
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            digits(&mut i);
        }
        _ => return false,
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if !digits(&mut i) {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return false;
        }
    }
    i == b.len()
}

/// A JSON value (the `metadata` copied out) as serde_json writes it: compact, keys in order.
fn value(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        // arbitrary_precision: the number's own text.
        Value::Number(n) => out.push_str(n.as_str()),
        Value::String(s) => string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                value(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                string(out, k);
                out.push(':');
                value(out, item);
            }
            out.push('}');
        }
    }
}

fn opt_str(out: &mut String, s: Option<&str>) {
    match s {
        Some(s) => string(out, s),
        None => out.push_str("null"),
    }
}

/// What a byte becomes inside a JSON string: 0 verbatim, `u` as `\u00xx`, else `\` + that byte.
const ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b'u';
        b += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0a] = b'n';
    t[0x0c] = b'f';
    t[0x0d] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

/// A JSON string, escaped as serde_json escapes it.
pub(crate) fn string(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push('"');
    let mut from = 0;
    // The bytes serde_json escapes are the ones that end a plain run of a JSON string in the
    // reader (`"`, `\`, below 0x20): found by the same scan, many bytes a step.
    while let Some(i) = crate::reader::tape::next_special(bytes, from) {
        let Some(&b) = bytes.get(i) else { break };
        let e = ESCAPE[b as usize];
        // `i` is an ASCII byte, so `from..i` lies on character boundaries.
        out.push_str(s.get(from..i).unwrap_or_default());
        if e == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[(b >> 4) as usize]));
            out.push(char::from(HEX[(b & 0xf) as usize]));
        } else {
            out.push('\\');
            out.push(char::from(e));
        }
        from = i + 1;
    }
    out.push_str(s.get(from..).unwrap_or_default());
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn written(n: &Normalized) -> String {
        let mut out = String::new();
        write_normalized(n, &mut out, &mut Own).unwrap();
        out
    }

    #[test]
    fn escapes_like_serde_json() {
        let mut all = String::new();
        for c in (0u32..0x300).chain([0x2028, 0x2029, 0xfeff, 0x1f600]) {
            all.push(char::from_u32(c).unwrap());
        }
        for s in [all.as_str(), "", "plain", "a\"b\\c", "\u{7f}", "é\n"] {
            let mut out = String::new();
            string(&mut out, s);
            assert_eq!(out, serde_json::to_string(s).unwrap());
        }
    }

    /// Each byte serde_json escapes, at every offset of plain runs longer than the scan's
    /// 16- and 8-byte steps, and two of them in a row.
    #[test]
    fn escapes_at_every_offset_like_serde_json() {
        for special in ['"', '\\', '\n', '\u{0}', '\u{1f}'] {
            for len in [0, 1, 7, 8, 9, 15, 16, 17, 31, 33] {
                for at in 0..=len {
                    let mut s: String = "é".repeat(len / 3) + &"a".repeat(len - len / 3);
                    let at = s.char_indices().nth(at).map_or(s.len(), |(i, _)| i);
                    s.insert(at, special);
                    s.insert(at, special);
                    let mut out = String::new();
                    string(&mut out, &s);
                    assert_eq!(out, serde_json::to_string(&s).unwrap(), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn json_numbers() {
        for ok in [
            "0", "-0", "5", "5.12", "-26.00", "1e5", "1E+5", "1.5e-3", "10",
        ] {
            assert!(is_json_number(ok.as_bytes()), "{ok}");
        }
        for bad in [
            "", "-", "01", "5.", ".5", "1e", "1e+", "+1", "1.2.3", " 1", "NaN", "1_0",
        ] {
            assert!(!is_json_number(bad.as_bytes()), "{bad}");
        }
    }

    #[test]
    fn an_order_amount_serde_refuses_is_refused_alike() {
        let mut o = Order {
            id: "o".into(),
            amount: Some("5.".into()),
            currency: None,
            created_at: None,
            updated_at: None,
            status: Status::Unknown,
            customer: None,
            payment: None,
            remote_data: None,
        };
        let n = Normalized::Order(Box::new(o.clone()));
        let mut out = String::new();
        let mine = write_normalized(&n, &mut out, &mut Own).unwrap_err();
        let theirs = crate::output_error(serde_json::to_string(&n).unwrap_err());
        assert_eq!(mine, theirs);
        o.amount = Some("-0.50".into());
        let n = Normalized::Order(Box::new(o));
        assert_eq!(written(&n), serde_json::to_string(&n).unwrap());
    }

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-z0-9_]{0,12}",
            any::<String>(),
            "[\\x00-\\x20\"\\\\\u{7f}é\u{2028}]{0,6}",
        ]
    }

    fn opt() -> impl Strategy<Value = Option<String>> {
        proptest::option::of(text())
    }

    fn json() -> BoxedStrategy<Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            "-?(0|[1-9][0-9]{0,30})(\\.[0-9]{1,8})?([eE][+-]?[0-9]{1,3})?"
                .prop_map(|t| Value::Number(t.parse().unwrap())),
            text().prop_map(Value::String),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                proptest::collection::vec((text(), inner), 0..4)
                    .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
        .boxed()
    }

    fn status() -> impl Strategy<Value = Status> {
        prop_oneof![
            Just(Status::Paid),
            Just(Status::Unknown),
            text().prop_map(Status::Raw)
        ]
    }

    fn raw() -> impl Strategy<Value = Option<RawJson>> {
        proptest::option::of(json().prop_map(|v| {
            let raw = serde_json::value::RawValue::from_string(v.to_string()).unwrap();
            RawJson::from_raw(&raw)
        }))
    }

    fn customer_ref() -> impl Strategy<Value = Option<CustomerRef>> {
        proptest::option::of(
            (opt(), opt(), opt(), opt()).prop_map(|(id, name, email, phone)| CustomerRef {
                id,
                name,
                email,
                phone,
            }),
        )
    }

    prop_compose! {
        fn payment()(
            id in text(), money in (opt(), opt(), opt(), opt()), status in status(),
            customer in customer_ref(), description in opt(),
            method in proptest::option::of((opt(), opt())),
            times in (opt(), opt()), refs in (opt(), opt()),
            metadata in proptest::option::of(json()), remote_data in raw(),
        ) -> Payment {
            Payment {
                id,
                amount: money.0,
                currency: money.1,
                transaction_fee: money.2,
                refund_amount: money.3,
                status,
                customer,
                description,
                payment_method: method.map(|(id, method)| PaymentMethod { id, method }),
                created_at: times.0,
                expires_on: times.1,
                reference_id: refs.0,
                order_id: refs.1,
                metadata,
                remote_data,
            }
        }
    }

    prop_compose! {
        fn order()(
            id in text(), amount in proptest::option::of("-?(0|[1-9][0-9]{0,28})(\\.[0-9]{1,4})?"),
            currency in opt(), times in (opt(), opt()), status in status(),
            customer in customer_ref(), payment in proptest::option::of(payment().boxed()),
            remote_data in raw(),
        ) -> Order {
            Order {
                id, amount, currency, created_at: times.0, updated_at: times.1, status, customer,
                payment: payment.map(|p| Payment { remote_data: None, ..p }), remote_data,
            }
        }
    }

    prop_compose! {
        fn customer()(
            id in text(), fields in (opt(), opt(), opt(), opt(), opt()), remote_data in raw(),
        ) -> Customer {
            Customer {
                id, name: fields.0, email: fields.1, phone: fields.2, created_at: fields.3,
                updated_at: fields.4, remote_data,
            }
        }
    }

    // Boxed: the unboxed strategy types overflow a test thread's stack in debug builds.
    fn normalized() -> BoxedStrategy<Normalized> {
        let cursor = || opt().boxed();
        let customer = || customer().boxed();
        let order = || order().boxed();
        let payment = || payment().boxed();
        prop_oneof![
            customer().prop_map(|c| Normalized::Customer(Box::new(c))),
            order().prop_map(|o| Normalized::Order(Box::new(o))),
            payment().prop_map(|p| Normalized::Payment(Box::new(p))),
            (proptest::collection::vec(customer(), 0..3), cursor()).prop_map(
                |(result, next_cursor)| Normalized::Customers(List {
                    result,
                    next_cursor
                })
            ),
            (proptest::collection::vec(order(), 0..3), cursor()).prop_map(
                |(result, next_cursor)| Normalized::Orders(List {
                    result,
                    next_cursor
                })
            ),
            (proptest::collection::vec(payment(), 0..3), cursor()).prop_map(
                |(result, next_cursor)| Normalized::Payments(List {
                    result,
                    next_cursor
                })
            ),
        ]
        .boxed()
    }

    proptest! {
        /// The writer and serde_json's derive write the same bytes for any unified result.
        #[test]
        fn writes_what_serde_json_writes(n in normalized()) {
            prop_assert_eq!(written(&n), serde_json::to_string(&n).unwrap());
        }
    }
}
