//! Four readers doing one mapper's reading job on a Stripe payload (a list envelope
//! `{object, data: [...], has_more}` or one PaymentIntent): validate the whole input, find every
//! PaymentIntent and read `id`, `object`, `amount`, `currency`, `status`, `created` and
//! `latest_charge` (an id, or the expanded Charge's `id` and `amount_captured`), skipping
//! everything else. Each returns a checksum of what it read (lengths of the strings, the
//! numbers, the item count) so that all four are checked to have read the same values before
//! anything is timed. Issue 8, point 1: the numbers decide which reader paynorm's engine uses.

use std::borrow::Cow;

/// What every reader computes from the fields it read.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Sum {
    /// PaymentIntents read.
    pub items: u64,
    /// Sum of the string fields' lengths and the integer fields' values (wrapping).
    pub value: u64,
}

impl Sum {
    fn str(&mut self, s: &str) {
        self.value = self.value.wrapping_add(s.len() as u64);
    }
    fn int(&mut self, n: i64) {
        self.value = self.value.wrapping_add(n as u64);
    }
}

/// Whether the payload is a list envelope, told from its first 200 bytes (every reader uses this
/// same test, standing in for the probe a real mapper would make).
pub fn is_list(input: &[u8]) -> bool {
    let head = &input[..input.len().min(200)];
    head.windows(15).any(|w| w == b"\"object\":\"list\"")
        || head.windows(16).any(|w| w == b"\"object\": \"list\"")
}

/// One reader: the input's bytes to what it read.
pub type Reader = fn(&[u8]) -> Option<Sum>;

/// The readers, by name, in the order they are reported.
pub const READERS: [(&str, Reader); 4] = [
    ("serde_json borrowed derive", serde_derive::read),
    ("jiter pull parser", jiter_pull::read),
    ("struson streaming reader", struson_stream::read),
    ("own scanner + tape", tape::read),
];

/// serde_json with `#[derive(Deserialize)]` over borrowed fields (`Cow<str>`: borrowed unless
/// escaped); unknown fields are skipped by serde (`IgnoredAny`).
pub mod serde_derive {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Pi<'a> {
        #[serde(borrow)]
        id: Option<Cow<'a, str>>,
        #[serde(borrow)]
        object: Option<Cow<'a, str>>,
        amount: Option<i64>,
        #[serde(borrow)]
        currency: Option<Cow<'a, str>>,
        #[serde(borrow)]
        status: Option<Cow<'a, str>>,
        created: Option<i64>,
        #[serde(borrow)]
        latest_charge: Option<Expandable<'a>>,
    }

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Expandable<'a> {
        Id(#[serde(borrow)] Cow<'a, str>),
        Charge(#[serde(borrow)] Charge<'a>),
    }

    #[derive(Deserialize)]
    struct Charge<'a> {
        #[serde(borrow)]
        id: Option<Cow<'a, str>>,
        amount_captured: Option<i64>,
    }

    fn add(sum: &mut Sum, p: &Pi<'_>) {
        sum.items += 1;
        for s in [&p.id, &p.object, &p.currency, &p.status]
            .into_iter()
            .flatten()
        {
            sum.str(s);
        }
        sum.int(p.amount.unwrap_or(0));
        sum.int(p.created.unwrap_or(0));
        match &p.latest_charge {
            Some(Expandable::Id(id)) => sum.str(id),
            Some(Expandable::Charge(c)) => {
                sum.str(c.id.as_deref().unwrap_or(""));
                sum.int(c.amount_captured.unwrap_or(0));
            }
            None => {}
        }
    }

    /// Reads `input`; `None` when it is not valid JSON or not of the expected shape.
    pub fn read(input: &[u8]) -> Option<Sum> {
        // An untagged enum would buffer the whole input into serde's `Content` first; the
        // derive's best case is the typed struct read straight from the text, so the envelope
        // is told apart by its first bytes (`is_list`), the same for every reader.
        let text = std::str::from_utf8(input).ok()?;
        let mut sum = Sum::default();
        if is_list(input) {
            #[derive(Deserialize)]
            struct List<'a> {
                #[serde(borrow)]
                data: Vec<Pi<'a>>,
            }
            let list: List = serde_json::from_str(text).ok()?;
            list.data.iter().for_each(|p| add(&mut sum, p));
        } else {
            let p: Pi = serde_json::from_str(text).ok()?;
            add(&mut sum, &p);
        }
        Some(sum)
    }
}

/// jiter's pull parser: keys and values are read in document order, unknown values skipped
/// with `next_skip` (which validates them).
pub mod jiter_pull {
    use super::*;
    use jiter::{Jiter, Peek};

    fn pi(j: &mut Jiter<'_>, first: Option<String>, sum: &mut Sum) -> Option<()> {
        sum.items += 1;
        let mut key = first;
        while let Some(k) = key {
            match k.as_str() {
                "id" | "object" | "currency" | "status" => match j.peek().ok()? {
                    Peek::String => {
                        let s = j.known_str().ok()?;
                        sum.str(s);
                    }
                    p => j.known_skip(p).ok()?,
                },
                "amount" | "created" => match j.peek().ok()? {
                    Peek::Null => j.known_null().ok()?,
                    p => {
                        // Without jiter's `num-bigint` feature an integer is always an i64.
                        let jiter::NumberInt::Int(n) = j.known_int(p).ok()?;
                        sum.int(n);
                    }
                },
                "latest_charge" => match j.peek().ok()? {
                    Peek::String => {
                        let s = j.known_str().ok()?;
                        sum.str(s);
                    }
                    Peek::Object => {
                        let mut ck = j.known_object().ok()?.map(str::to_owned);
                        while let Some(k) = ck {
                            match k.as_str() {
                                "id" => {
                                    let s = j.next_str().ok()?;
                                    sum.str(s);
                                }
                                "amount_captured" => {
                                    let jiter::NumberInt::Int(n) = j.next_int().ok()?;
                                    sum.int(n);
                                }
                                _ => j.next_skip().ok()?,
                            }
                            ck = j.next_key().ok()?.map(str::to_owned);
                        }
                    }
                    p => j.known_skip(p).ok()?,
                },
                _ => j.next_skip().ok()?,
            }
            key = j.next_key().ok()?.map(str::to_owned);
        }
        Some(())
    }

    /// Reads `input`; `None` when it is not valid JSON or not of the expected shape.
    pub fn read(input: &[u8]) -> Option<Sum> {
        let mut j = Jiter::new(input);
        let mut sum = Sum::default();
        let first = j.next_object().ok()?.map(str::to_owned);
        // Keys are copied out (`to_owned`): jiter's key borrows the parser.
        let mut key = first.clone();
        if !is_list(input) {
            pi(&mut j, first, &mut sum)?;
            j.finish().ok()?;
            return Some(sum);
        }
        while let Some(k) = key {
            if k == "data" {
                let mut next = j.next_array().ok()?;
                while next.is_some() {
                    let first = j.next_object().ok()?.map(str::to_owned);
                    pi(&mut j, first, &mut sum)?;
                    next = j.array_step().ok()?;
                }
            } else {
                j.next_skip().ok()?;
            }
            key = j.next_key().ok()?.map(str::to_owned);
        }
        j.finish().ok()?;
        Some(sum)
    }
}

/// struson's streaming reader over the bytes (`&[u8]` as `io::Read`).
pub mod struson_stream {
    use super::*;
    use struson::reader::{JsonReader, JsonStreamReader, ValueType};

    fn pi<R: std::io::Read>(r: &mut JsonStreamReader<R>, sum: &mut Sum) -> Option<()> {
        sum.items += 1;
        r.begin_object().ok()?;
        while r.has_next().ok()? {
            let k = r.next_name_owned().ok()?;
            match (k.as_str(), r.peek().ok()?) {
                ("id" | "object" | "currency" | "status", ValueType::String) => {
                    sum.str(r.next_str().ok()?)
                }
                ("amount" | "created", ValueType::Number) => {
                    sum.int(r.next_number::<i64>().ok()?.ok()?)
                }
                ("latest_charge", ValueType::String) => sum.str(r.next_str().ok()?),
                ("latest_charge", ValueType::Object) => {
                    r.begin_object().ok()?;
                    while r.has_next().ok()? {
                        let ck = r.next_name_owned().ok()?;
                        match ck.as_str() {
                            "id" => sum.str(r.next_str().ok()?),
                            "amount_captured" => sum.int(r.next_number::<i64>().ok()?.ok()?),
                            _ => r.skip_value().ok()?,
                        }
                    }
                    r.end_object().ok()?;
                }
                _ => r.skip_value().ok()?,
            }
        }
        r.end_object().ok()?;
        Some(())
    }

    /// Reads `input`; `None` when it is not valid JSON or not of the expected shape.
    pub fn read(input: &[u8]) -> Option<Sum> {
        let mut r = JsonStreamReader::new(input);
        let mut sum = Sum::default();
        if !is_list(input) {
            pi(&mut r, &mut sum)?;
        } else {
            r.begin_object().ok()?;
            while r.has_next().ok()? {
                if r.next_name_owned().ok()? == "data" {
                    r.begin_array().ok()?;
                    while r.has_next().ok()? {
                        pi(&mut r, &mut sum)?;
                    }
                    r.end_array().ok()?;
                } else {
                    r.skip_value().ok()?;
                }
            }
            r.end_object().ok()?;
        }
        r.consume_trailing_whitespace().ok()?;
        Some(sum)
    }
}

/// What `src/reader/tape.rs` uses of paynorm's `src/scan.rs`.
pub(crate) mod scan {
    /// paynorm's nesting limit.
    pub const MAX_DEPTH: usize = 128;

    /// Whether a number token's magnitude is beyond a double's.
    pub fn out_of_range(token: &[u8]) -> bool {
        std::str::from_utf8(token)
            .ok()
            .and_then(|t| t.parse::<f64>().ok())
            .is_some_and(f64::is_infinite)
    }
}

pub mod tape;

// The wasm exports (`node wasm.mjs`): a plain cdylib ABI, no wasm-bindgen, so that the time
// measured is the reader's and not a binding's.
#[cfg(target_arch = "wasm32")]
mod wasm {
    static mut LAST: f64 = 0.0;

    /// A buffer of `len` bytes for the input (leaked; the harness allocates once per input).
    #[no_mangle]
    pub extern "C" fn alloc(len: usize) -> *mut u8 {
        Box::leak(vec![0u8; len].into_boxed_slice()).as_mut_ptr()
    }

    /// Runs reader `which` over `len` bytes at `ptr`; returns the item count (-1 on failure)
    /// and keeps the checksum for `checksum()`.
    #[no_mangle]
    pub extern "C" fn run(which: usize, ptr: *const u8, len: usize) -> i32 {
        // SAFETY: the harness wrote `len` bytes at `ptr`, from `alloc(len)`.
        let input = unsafe { std::slice::from_raw_parts(ptr, len) };
        match super::READERS.get(which).and_then(|(_, f)| f(input)) {
            Some(s) => {
                // SAFETY: single-threaded wasm.
                unsafe { LAST = s.value as f64 };
                s.items as i32
            }
            None => -1,
        }
    }

    /// The checksum of the last successful `run`.
    #[no_mangle]
    pub extern "C" fn checksum() -> f64 {
        // SAFETY: single-threaded wasm.
        unsafe { LAST }
    }
}
