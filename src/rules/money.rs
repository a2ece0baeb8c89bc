//! Money (docs/mapping.md#money): ISO 4217 codes, per-provider exponent tables
//! and exact minor -> major conversion. Nothing here goes through a float: minor units are
//! integers whose digits are placed around the decimal point, and major-unit amounts are read
//! from their decimal text into an exact [`Decimal`] (integer arithmetic only).

use std::cmp::Ordering;

/// Whose exponent table applies. Providers disagree with ISO 4217 on a few currencies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExponentTable {
    /// ISO 4217 minor units (Razorpay; Juspay, whose amounts are already major units).
    Iso4217,
    /// Stripe's documented exceptions: zero-decimal BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND
    /// VUV XAF XOF XPF; three-decimal BHD JOD KWD OMR TND; ISK counted in hundredths.
    /// <https://docs.stripe.com/currencies#zero-decimal>
    Stripe,
    /// Checkout.com "full value" zero-decimal BIF CLF DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV
    /// XAF XOF XPF; three-decimal BHD IQD JOD KWD LYD OMR TND.
    /// <https://www.checkout.com/docs/payments/accept-payments/format-the-amount-value>
    Checkout,
}

/// ISO 4217 active codes and their minor units. Codes absent here are unknown: their amounts
/// come out `null` rather than guessed.
const ISO_4217: &[(&str, u32)] = &[
    ("AED", 2),
    ("AFN", 2),
    ("ALL", 2),
    ("AMD", 2),
    ("ANG", 2),
    ("AOA", 2),
    ("ARS", 2),
    ("AUD", 2),
    ("AWG", 2),
    ("AZN", 2),
    ("BAM", 2),
    ("BBD", 2),
    ("BDT", 2),
    ("BGN", 2),
    ("BHD", 3),
    ("BIF", 0),
    ("BMD", 2),
    ("BND", 2),
    ("BOB", 2),
    ("BOV", 2),
    ("BRL", 2),
    ("BSD", 2),
    ("BTN", 2),
    ("BWP", 2),
    ("BYN", 2),
    ("BZD", 2),
    ("CAD", 2),
    ("CDF", 2),
    ("CHE", 2),
    ("CHF", 2),
    ("CHW", 2),
    ("CLF", 4),
    ("CLP", 0),
    ("CNY", 2),
    ("COP", 2),
    ("COU", 2),
    ("CRC", 2),
    ("CUC", 2),
    ("CUP", 2),
    ("CVE", 2),
    ("CZK", 2),
    ("DJF", 0),
    ("DKK", 2),
    ("DOP", 2),
    ("DZD", 2),
    ("EGP", 2),
    ("ERN", 2),
    ("ETB", 2),
    ("EUR", 2),
    ("FJD", 2),
    ("FKP", 2),
    ("GBP", 2),
    ("GEL", 2),
    ("GHS", 2),
    ("GIP", 2),
    ("GMD", 2),
    ("GNF", 0),
    ("GTQ", 2),
    ("GYD", 2),
    ("HKD", 2),
    ("HNL", 2),
    ("HRK", 2),
    ("HTG", 2),
    ("HUF", 2),
    ("IDR", 2),
    ("ILS", 2),
    ("INR", 2),
    ("IQD", 3),
    ("IRR", 2),
    ("ISK", 0),
    ("JMD", 2),
    ("JOD", 3),
    ("JPY", 0),
    ("KES", 2),
    ("KGS", 2),
    ("KHR", 2),
    ("KMF", 0),
    ("KPW", 2),
    ("KRW", 0),
    ("KWD", 3),
    ("KYD", 2),
    ("KZT", 2),
    ("LAK", 2),
    ("LBP", 2),
    ("LKR", 2),
    ("LRD", 2),
    ("LSL", 2),
    ("LYD", 3),
    ("MAD", 2),
    ("MDL", 2),
    ("MGA", 2),
    ("MKD", 2),
    ("MMK", 2),
    ("MNT", 2),
    ("MOP", 2),
    ("MRU", 2),
    ("MUR", 2),
    ("MVR", 2),
    ("MWK", 2),
    ("MXN", 2),
    ("MXV", 2),
    ("MYR", 2),
    ("MZN", 2),
    ("NAD", 2),
    ("NGN", 2),
    ("NIO", 2),
    ("NOK", 2),
    ("NPR", 2),
    ("NZD", 2),
    ("OMR", 3),
    ("PAB", 2),
    ("PEN", 2),
    ("PGK", 2),
    ("PHP", 2),
    ("PKR", 2),
    ("PLN", 2),
    ("PYG", 0),
    ("QAR", 2),
    ("RON", 2),
    ("RSD", 2),
    ("RUB", 2),
    ("RWF", 0),
    ("SAR", 2),
    ("SBD", 2),
    ("SCR", 2),
    ("SDG", 2),
    ("SEK", 2),
    ("SGD", 2),
    ("SHP", 2),
    ("SLE", 2),
    ("SLL", 2),
    ("SOS", 2),
    ("SRD", 2),
    ("SSP", 2),
    ("STN", 2),
    ("SVC", 2),
    ("SYP", 2),
    ("SZL", 2),
    ("THB", 2),
    ("TJS", 2),
    ("TMT", 2),
    ("TND", 3),
    ("TOP", 2),
    ("TRY", 2),
    ("TTD", 2),
    ("TWD", 2),
    ("TZS", 2),
    ("UAH", 2),
    ("UGX", 0),
    ("USD", 2),
    ("USN", 2),
    ("UYI", 0),
    ("UYU", 2),
    ("UYW", 4),
    ("UZS", 2),
    ("VED", 2),
    ("VES", 2),
    ("VND", 0),
    ("VUV", 0),
    ("WST", 2),
    ("XAF", 0),
    ("XCD", 2),
    ("XCG", 2),
    ("XOF", 0),
    ("XPF", 0),
    ("YER", 2),
    ("ZAR", 2),
    ("ZMW", 2),
    ("ZWG", 2),
    ("ZWL", 2),
];

const STRIPE_ZERO: &[&str] = &[
    "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV",
    "XAF", "XOF", "XPF",
];
const STRIPE_THREE: &[&str] = &["BHD", "JOD", "KWD", "OMR", "TND"];
const STRIPE_TWO: &[&str] = &["ISK"];
const CHECKOUT_ZERO: &[&str] = &[
    "BIF", "CLF", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV",
    "XAF", "XOF", "XPF",
];
const CHECKOUT_THREE: &[&str] = &["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];

/// `code` as a number that keeps the codes' alphabetical order: three letters `A`-`Z`, base
/// 26 (below 17,576). `None` for anything else, which no table holds. A lookup then compares
/// integers, not strings (the string search and `contains` scans were 3.7% of a Razorpay
/// payment's native instructions).
const fn pack(code: &[u8]) -> Option<u16> {
    let [a, b, c] = *code else { return None };
    if !a.is_ascii_uppercase() || !b.is_ascii_uppercase() || !c.is_ascii_uppercase() {
        return None;
    }
    let (a, b, c) = ((a - b'A') as u16, (b - b'A') as u16, (c - b'A') as u16);
    Some((a * 26 + b) * 26 + c)
}

/// [`pack`] of every code of a constant list (which holds only such codes); for constants
/// only (compile-time evaluation).
const fn packed<const N: usize>(codes: &[&str]) -> [u16; N] {
    let mut out = [0u16; N];
    let mut i = 0;
    while i < N {
        out[i] = match pack(codes[i].as_bytes()) {
            Some(p) => p,
            // ok: `packed` runs only in the constants below, at compile time: a bad table code
            // fails the build, never a call.
            None => panic!("a currency table holds a code that is not three letters A-Z"),
        };
        i += 1;
    }
    out
}

/// [`ISO_4217`]'s codes, packed, in the same (ascending) order.
const ISO_CODES: [u16; ISO_4217.len()] = packed(&{
    let mut codes = [""; ISO_4217.len()];
    let mut i = 0;
    while i < codes.len() {
        codes[i] = ISO_4217[i].0;
        i += 1;
    }
    codes
});
const STRIPE_ZERO_CODES: [u16; STRIPE_ZERO.len()] = packed(STRIPE_ZERO);
const STRIPE_THREE_CODES: [u16; STRIPE_THREE.len()] = packed(STRIPE_THREE);
const STRIPE_TWO_CODES: [u16; STRIPE_TWO.len()] = packed(STRIPE_TWO);
const CHECKOUT_ZERO_CODES: [u16; CHECKOUT_ZERO.len()] = packed(CHECKOUT_ZERO);
const CHECKOUT_THREE_CODES: [u16; CHECKOUT_THREE.len()] = packed(CHECKOUT_THREE);

/// The ISO 4217 minor units of a [`pack`]ed code.
fn iso_exponent_packed(code: u16) -> Option<u32> {
    let i = ISO_CODES.binary_search(&code).ok()?;
    ISO_4217.get(i).map(|(_, e)| *e)
}

/// The ISO 4217 minor units of `code` (upper case), or `None` for a code we do not know.
pub fn iso_exponent(code: &str) -> Option<u32> {
    iso_exponent_packed(pack(code.as_bytes())?)
}

/// The exponent `table` uses for `code` (upper case), or `None` when the currency is unknown.
pub fn exponent(table: ExponentTable, code: &str) -> Option<u32> {
    let code = pack(code.as_bytes())?;
    let iso = iso_exponent_packed(code)?;
    let exp = match table {
        ExponentTable::Iso4217 => iso,
        ExponentTable::Stripe if STRIPE_ZERO_CODES.contains(&code) => 0,
        ExponentTable::Stripe if STRIPE_THREE_CODES.contains(&code) => 3,
        ExponentTable::Stripe if STRIPE_TWO_CODES.contains(&code) => 2,
        ExponentTable::Checkout if CHECKOUT_ZERO_CODES.contains(&code) => 0,
        ExponentTable::Checkout if CHECKOUT_THREE_CODES.contains(&code) => 3,
        ExponentTable::Stripe | ExponentTable::Checkout => iso,
    };
    Some(exp)
}

/// A provider's currency as an ISO 4217 code: upper case, `None` when empty. A code that is not
/// three ASCII letters is still returned upper-cased (the raw value is data, not ours to drop);
/// its amounts will be `null` because no exponent is known.
pub fn currency(raw: Option<&str>) -> Option<String> {
    let raw = raw?.trim();
    if raw.is_empty() {
        return None;
    }
    Some(raw.to_ascii_uppercase())
}

/// Minor units to a major-unit decimal string with exactly the currency's exponent:
/// `5000 USD` -> `"50.00"`, `500 JPY` -> `"500"`, `5120 KWD` (Stripe) -> `"5.120"`,
/// `-150 USD` -> `"-1.50"`. `None` when the currency is unknown to `table`.
pub fn minor_to_major(minor: i64, currency: &str, table: ExponentTable) -> Option<String> {
    let exp = exponent(table, currency)?;
    let mut digits = itoa::Buffer::new();
    let mut out = String::with_capacity(24); // ok: constant (20 digits, a sign, a point)
    write_decimal(
        &mut out,
        minor < 0,
        digits.format(minor.unsigned_abs()),
        exp,
    );
    Some(out)
}

/// Appends `digits` (a non-negative integer's digits) with `scale` of them after the point and
/// `-` when `negative` and not zero: `("150", 2)` -> `1.50`, `("5", 2)` -> `0.05`.
fn write_decimal(out: &mut String, negative: bool, digits: &str, scale: u32) {
    let scale = scale as usize;
    if negative && digits.bytes().any(|b| b != b'0') {
        out.push('-');
    }
    if scale == 0 {
        out.push_str(digits);
    } else if digits.len() > scale {
        let (int, frac) = digits.split_at(digits.len() - scale);
        out.push_str(int);
        out.push('.');
        out.push_str(frac);
    } else {
        out.push_str("0.");
        out.extend(std::iter::repeat('0').take(scale - digits.len()));
        out.push_str(digits);
    }
}

/// A major-unit amount given as decimal text (Juspay sends `1.00`, `100`, `"10.5"`), written
/// with the currency's ISO exponent: `"1"` INR -> `"1.00"`. Extra significant decimals are
/// kept, never rounded away (`"10.005"` INR stays `"10.005"`). `Ok(None)` when the currency is
/// unknown; `Err` with a reason when the text is not a decimal number ([`Decimal::parse`]).
pub fn major_text(
    text: &str,
    currency: &str,
    table: ExponentTable,
) -> Result<Option<String>, String> {
    let Some(exp) = exponent(table, currency) else {
        return Ok(None);
    };
    let d = Decimal::parse(text)
        .ok_or_else(|| format!("expected a decimal amount, found \"{text}\""))?;
    Ok(Some(d.with_min_scale(exp).to_string()))
}

/// A major-unit decimal string as the text of a JSON number with no trailing zeros
/// (`"50.00"` -> `"50"`, `"5.120"` -> `"5.12"`), for [`crate::Order::amount`].
pub fn as_json_number(major: &str) -> Option<String> {
    Decimal::parse(major).map(|d| d.to_string())
}

/// An exact decimal number: `mantissa` x 10^-`scale`, read from text by [`Decimal::parse`]
/// and kept normalized (no trailing zeros after the point, no negative zero) unless widened for
/// display by [`Decimal::with_min_scale`]. Integer arithmetic only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal {
    negative: bool,
    mantissa: u128,
    scale: u32,
}

impl Decimal {
    /// The most decimals an amount may have, and the largest power of ten an exponent may give:
    /// 28, as in the 96-bit decimal formats of databases and .NET.
    pub const MAX_SCALE: u32 = 28;

    /// Reads a decimal number: an optional sign, digits with an optional decimal point (at least
    /// one digit: `5`, `5.`, `.5`, `-1.50`, `+2`), and an optional exponent `e`/`E` with an
    /// optional sign and at most [`Decimal::MAX_SCALE`] in size (`1e2`, `2.5E-3`). Whitespace
    /// around it is ignored. `None` for anything else (`1_000`, `1,5`, `0x10`, `NaN`), for more
    /// than [`Decimal::MAX_SCALE`] decimals once trailing zeros are dropped, and for a value of
    /// 2^96 or more in its last digit (a bound no real amount comes near; it keeps every
    /// comparison exact in `u128`).
    pub fn parse(text: &str) -> Option<Decimal> {
        let s = text.trim();
        let (negative, s) = match s.as_bytes().first()? {
            b'-' => (true, s.get(1..)?),
            b'+' => (false, s.get(1..)?),
            _ => (false, s),
        };
        let (number, exp) = match s.find(['e', 'E']) {
            Some(i) => (s.get(..i)?, Some(s.get(i + 1..)?)),
            None => (s, None),
        };
        let exp: i64 = match exp {
            None => 0,
            Some(e) => {
                let (minus, digits) = match e.as_bytes().first()? {
                    b'-' => (true, e.get(1..)?),
                    b'+' => (false, e.get(1..)?),
                    _ => (false, e),
                };
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                let value: u32 = digits.parse().ok()?;
                if value > Self::MAX_SCALE {
                    return None;
                }
                if minus {
                    -i64::from(value)
                } else {
                    i64::from(value)
                }
            }
        };
        let (int, frac) = match number.split_once('.') {
            Some((int, frac)) => (int, frac),
            None => (number, ""),
        };
        let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
        if (int.is_empty() && frac.is_empty()) || !all_digits(int) || !all_digits(frac) {
            return None;
        }
        // The significant digits and how many of them are decimals.
        let digits = format!("{int}{frac}");
        let mut digits = digits.trim_start_matches('0');
        let mut scale = i64::try_from(frac.len()).ok()? - exp;
        while scale > 0 && digits.ends_with('0') {
            digits = digits.get(..digits.len() - 1)?;
            scale -= 1;
        }
        if digits.is_empty() {
            return Some(Decimal {
                negative: false,
                mantissa: 0,
                scale: 0,
            });
        }
        // A positive exponent past the decimals: trailing zeros of the integer.
        let zeros = u32::try_from((-scale).max(0)).ok()?;
        let scale = u32::try_from(scale.max(0)).ok()?;
        if scale > Self::MAX_SCALE || digits.len() + zeros as usize > 29 {
            return None;
        }
        let mantissa = digits
            .parse::<u128>()
            .ok()?
            .checked_mul(10u128.checked_pow(zeros)?)?;
        if mantissa >= 1u128 << 96 {
            return None;
        }
        Some(Decimal {
            negative,
            mantissa,
            scale,
        })
    }

    /// The same value written with at least `scale` decimals (`1.5` at 2 -> `1.50`).
    pub fn with_min_scale(self, scale: u32) -> Decimal {
        if self.scale >= scale {
            return self;
        }
        match 10u128
            .checked_pow(scale - self.scale)
            .and_then(|p| self.mantissa.checked_mul(p))
        {
            Some(mantissa) => Decimal {
                mantissa,
                scale,
                ..self
            },
            None => self,
        }
    }

    /// Whether the value is above zero.
    pub fn is_positive(&self) -> bool {
        !self.negative && self.mantissa > 0
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> Ordering {
        let sign = |d: &Decimal| {
            if d.mantissa == 0 {
                0
            } else if d.negative {
                -1
            } else {
                1
            }
        };
        match sign(self).cmp(&sign(other)) {
            Ordering::Equal => {}
            unequal => return unequal,
        }
        // The same sign: compare magnitudes at a common scale. A mantissa that overflows when
        // widened is the larger one (both are below 2^96).
        let widen = |d: &Decimal, to: u32| {
            10u128
                .checked_pow(to - d.scale)
                .and_then(|p| d.mantissa.checked_mul(p))
        };
        let to = self.scale.max(other.scale);
        let magnitude = match (widen(self, to), widen(other, to)) {
            (Some(a), Some(b)) => a.cmp(&b),
            (None, _) => Ordering::Greater,
            (_, None) => Ordering::Less,
        };
        if sign(self) < 0 {
            magnitude.reverse()
        } else {
            magnitude
        }
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl std::fmt::Display for Decimal {
    /// Digits with `scale` of them after the point, `-` when negative (`-1.50`, `0.05`, `500`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut out = String::with_capacity(48); // ok: constant (39 digits, a sign, a point)
        write_decimal(
            &mut out,
            self.negative,
            &self.mantissa.to_string(),
            self.scale,
        );
        f.write_str(&out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ExponentTable::*;

    #[test]
    fn table_is_sorted_for_binary_search() {
        assert!(ISO_4217.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn spec_examples() {
        assert_eq!(
            minor_to_major(5000, "USD", Stripe).as_deref(),
            Some("50.00")
        );
        assert_eq!(minor_to_major(500, "JPY", Stripe).as_deref(), Some("500"));
        assert_eq!(
            minor_to_major(5120, "KWD", Stripe).as_deref(),
            Some("5.120")
        );
        assert_eq!(
            minor_to_major(-150, "USD", Stripe).as_deref(),
            Some("-1.50")
        );
        assert_eq!(minor_to_major(0, "USD", Stripe).as_deref(), Some("0.00"));
        assert_eq!(minor_to_major(5, "USD", Stripe).as_deref(), Some("0.05"));
    }

    #[test]
    fn provider_exceptions() {
        // ISK: ISO 0, Stripe counts hundredths, Checkout full value.
        assert_eq!(exponent(Iso4217, "ISK"), Some(0));
        assert_eq!(exponent(Stripe, "ISK"), Some(2));
        assert_eq!(exponent(Checkout, "ISK"), Some(0));
        // MGA: ISO 2, Stripe zero-decimal.
        assert_eq!(exponent(Stripe, "MGA"), Some(0));
        assert_eq!(exponent(Iso4217, "MGA"), Some(2));
        // CLF: ISO 4, Checkout zero.
        assert_eq!(exponent(Checkout, "CLF"), Some(0));
        assert_eq!(exponent(Checkout, "IQD"), Some(3));
        assert_eq!(exponent(Checkout, "KWD"), Some(3));
        assert_eq!(
            minor_to_major(1000, "KWD", Checkout).as_deref(),
            Some("1.000")
        );
        assert_eq!(exponent(Iso4217, "INR"), Some(2));
    }

    /// The packed lookup answers as a search of the string tables does, for every
    /// three-letter code and for what is not one.
    #[test]
    fn packed_lookup_matches_the_string_tables() {
        fn by_strings(table: ExponentTable, code: &str) -> Option<u32> {
            let iso = ISO_4217.iter().find(|(c, _)| *c == code).map(|(_, e)| *e)?;
            Some(match table {
                Iso4217 => iso,
                Stripe if STRIPE_ZERO.contains(&code) => 0,
                Stripe if STRIPE_THREE.contains(&code) => 3,
                Stripe if STRIPE_TWO.contains(&code) => 2,
                Checkout if CHECKOUT_ZERO.contains(&code) => 0,
                Checkout if CHECKOUT_THREE.contains(&code) => 3,
                Stripe | Checkout => iso,
            })
        }
        assert!(
            ISO_CODES.windows(2).all(|w| w[0] < w[1]),
            "ISO_4217 is sorted"
        );
        let mut codes: Vec<String> = Vec::new();
        for a in b'A'..=b'Z' {
            for b in b'A'..=b'Z' {
                for c in b'A'..=b'Z' {
                    codes.push(String::from_utf8(vec![a, b, c]).unwrap());
                }
            }
        }
        codes.extend(
            [
                "", "US", "USDX", "usd", "Usd", "U$D", "US ", "@AA", "[AA", "ÉUR",
            ]
            .map(String::from),
        );
        let mut known = 0;
        for code in &codes {
            for table in [Iso4217, Stripe, Checkout] {
                assert_eq!(
                    exponent(table, code),
                    by_strings(table, code),
                    "{code} {table:?}"
                );
            }
            assert_eq!(iso_exponent(code), by_strings(Iso4217, code), "{code}");
            known += usize::from(iso_exponent(code).is_some());
        }
        assert_eq!(known, ISO_4217.len());
    }

    #[test]
    fn unknown_currency_is_none_never_guessed() {
        assert_eq!(minor_to_major(5000, "XYZ", Stripe), None);
        assert_eq!(
            minor_to_major(5000, "usd", Stripe),
            None,
            "codes are upper-cased by currency()"
        );
        assert_eq!(major_text("1.00", "XYZ", Iso4217), Ok(None));
    }

    #[test]
    fn extremes_do_not_panic() {
        assert_eq!(
            minor_to_major(i64::MAX, "USD", Stripe).as_deref(),
            Some("92233720368547758.07")
        );
        assert_eq!(
            minor_to_major(i64::MIN, "KWD", Stripe).as_deref(),
            Some("-9223372036854775.808")
        );
        assert!(major_text("1e400", "INR", Iso4217).is_err());
    }

    #[test]
    fn major_text_keeps_exact_value() {
        assert_eq!(major_text("1", "INR", Iso4217), Ok(Some("1.00".into())));
        assert_eq!(major_text("1.0", "INR", Iso4217), Ok(Some("1.00".into())));
        assert_eq!(
            major_text("10.005", "INR", Iso4217),
            Ok(Some("10.005".into()))
        );
        assert_eq!(major_text("6.10", "INR", Iso4217), Ok(Some("6.10".into())));
        assert_eq!(major_text("1e2", "INR", Iso4217), Ok(Some("100.00".into())));
        assert!(major_text("ten", "INR", Iso4217).is_err());
    }

    #[test]
    fn decimal_grammar() {
        let inr = |t: &str| major_text(t, "INR", Iso4217);
        for (text, out) in [
            ("5", "5.00"),
            ("5.", "5.00"),
            (".5", "0.50"),
            ("+2", "2.00"),
            ("-0", "0.00"),
            ("-1.5", "-1.50"),
            (" 007.250 ", "7.25"),
            ("2.5E-3", "0.0025"),
            ("1e+2", "100.00"),
            ("1e28", "10000000000000000000000000000.00"),
            ("1.0000000000000000000000000000000000000000", "1.00"),
            (
                "79228162514264337593543950335",
                "79228162514264337593543950335.00",
            ),
        ] {
            assert_eq!(inr(text), Ok(Some(out.to_string())), "{text:?}");
        }
        // Not numbers, or past the bounds: a thousands separator, an exponent with two signs
        // or above 28, more than 28 decimals, 2^96 or more.
        for text in [
            "",
            ".",
            "-",
            "e5",
            "1e",
            "1_000",
            "1,5",
            "0x10",
            "NaN",
            "1e-+2",
            "1e29",
            "1e400",
            "0.00000000000000000000000000001",
            "79228162514264337593543950336",
        ] {
            assert!(inr(text).is_err(), "{text:?}");
        }
    }

    #[test]
    fn decimals_compare_exactly() {
        let d = |t: &str| Decimal::parse(t).unwrap();
        assert!(d("0.3") > d("0.29999999999999999999999999"));
        assert!(d("-1") < d("-0.5"));
        assert_eq!(d("1.50"), d("1.5"));
        assert_eq!(d("-0"), d("0"));
        assert!(d("79228162514264337593543950335") > d("0.0000000000000000000000000001"));
        assert!(d("0.0000000000000000000000000001").is_positive());
        assert!(!d("-0.0").is_positive());
    }

    #[test]
    fn json_numbers() {
        assert_eq!(as_json_number("50.00").as_deref(), Some("50"));
        assert_eq!(as_json_number("5.120").as_deref(), Some("5.12"));
        assert_eq!(as_json_number("500").as_deref(), Some("500"));
        assert_eq!(as_json_number("-1.50").as_deref(), Some("-1.5"));
    }

    #[test]
    fn currency_codes() {
        assert_eq!(currency(Some("usd")).as_deref(), Some("USD"));
        assert_eq!(currency(Some("")), None);
        assert_eq!(currency(None), None);
    }
}
