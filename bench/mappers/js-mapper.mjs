// A hand-written JavaScript mapper for Stripe and Razorpay payments (single objects and list
// envelopes) following docs/mapping.md: the baseline a team would write
// instead of using paynorm. Money is exact integer/string arithmetic (never `/ 100`), times are
// RFC 3339 UTC, statuses use the unified vocabulary with the refund / partial-capture overlays.
//
//   mapObject(provider, value)  object in, object out
//   mapText(provider, text)     JSON text in, JSON text out (parse + map + stringify)

// ---------------------------------------------------------------------------------------------
// Money (docs/mapping.md#money)

/** ISO 4217 minor units for the currencies we handle (a code not listed here gives null). */
const ISO_EXPONENT = {
  AED: 2, AUD: 2, BHD: 3, BIF: 0, BRL: 2, CAD: 2, CHF: 2, CLP: 0, CNY: 2, CZK: 2, DJF: 0, DKK: 2,
  EUR: 2, GBP: 2, GNF: 0, HKD: 2, IDR: 2, INR: 2, ISK: 0, JOD: 3, JPY: 0, KMF: 0, KRW: 0, KWD: 3,
  MGA: 2, MXN: 2, MYR: 2, NOK: 2, NZD: 2, OMR: 3, PHP: 2, PLN: 2, PYG: 0, RWF: 0, SEK: 2, SGD: 2,
  THB: 2, TND: 3, UGX: 0, USD: 2, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0, ZAR: 2,
};

/** Stripe's documented exceptions to ISO 4217 (https://docs.stripe.com/currencies). */
const STRIPE_ZERO_DECIMAL = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA', 'PYG',
  'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);
const STRIPE_THREE_DECIMAL = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);

function stripeExponent(code) {
  if (!(code in ISO_EXPONENT)) return undefined;
  if (STRIPE_ZERO_DECIMAL.has(code)) return 0;
  if (STRIPE_THREE_DECIMAL.has(code)) return 3;
  if (code === 'ISK') return 2; // Stripe counts ISK in hundredths
  return ISO_EXPONENT[code];
}

function isoExponent(code) {
  return ISO_EXPONENT[code];
}

/**
 * Minor units to a major-unit decimal string with exactly `exp` decimals, by string
 * arithmetic: 5000,2 -> "50.00"; 500,0 -> "500"; 5120,3 -> "5.120"; -150,2 -> "-1.50".
 */
function minorToMajor(minor, exp) {
  const negative = minor < 0;
  const digits = String(negative ? -minor : minor).padStart(exp + 1, '0');
  const sign = negative ? '-' : '';
  if (exp === 0) return sign + digits;
  return `${sign}${digits.slice(0, digits.length - exp)}.${digits.slice(digits.length - exp)}`;
}

/** A money field: null when the amount is absent or the currency's exponent is unknown. */
function money(minor, currency, exponentOf) {
  if (!Number.isSafeInteger(minor) || currency === null) return null;
  const exp = exponentOf(currency);
  return exp === undefined ? null : minorToMajor(minor, exp);
}

function currencyCode(raw) {
  return typeof raw === 'string' && raw.trim() !== '' ? raw.trim().toUpperCase() : null;
}

// ---------------------------------------------------------------------------------------------
// Small field helpers

/** A provider string as a unified field: empty (or not a string) is null. */
function str(v) {
  return typeof v === 'string' && v !== '' ? v : null;
}

/** Unix seconds to RFC 3339 UTC with seconds precision: 1700000000 -> "2023-11-14T22:13:20Z". */
function unixTime(secs) {
  if (!Number.isSafeInteger(secs)) return null;
  return new Date(secs * 1000).toISOString().slice(0, 19) + 'Z';
}

function isObject(v) {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The embedded customer, or null when every field is null. */
function customerRef(id, name, email, phone) {
  if (id === null && name === null && email === null && phone === null) return null;
  return { id, name, email, phone };
}

function paymentMethodRef(id, method) {
  if (id === null && method === null) return null;
  return { id, method: method === null ? null : method.toLowerCase() };
}

/** Razorpay's empty `notes` arrive as `[]`, which is `{}`; otherwise the object as given. */
function metadataObject(raw) {
  if (Array.isArray(raw)) return raw.length === 0 ? {} : null;
  return isObject(raw) ? raw : null;
}

// ---------------------------------------------------------------------------------------------
// Stripe payments: PaymentIntent and Charge (docs/mapping.md#status and the provider sections)

const STRIPE_PI_PENDING = new Set(['requires_payment_method', 'requires_confirmation',
  'requires_action', 'processing', 'requires_source', 'requires_source_action']);

/** A status with no mapping passes through verbatim; missing, null or "" is "unknown". */
function rawStatus(s) {
  return typeof s === 'string' && s !== '' ? s : 'unknown';
}

function stripePaidOverlay(charge, partialCapture) {
  if (charge !== null && charge.refunded === true) return 'refunded';
  if ((charge !== null && Number.isSafeInteger(charge.amount_refunded) && charge.amount_refunded > 0)
    || partialCapture) return 'partial';
  return 'paid';
}

function stripePaymentIntentStatus(pi, charge) {
  const s = pi.status;
  if (STRIPE_PI_PENDING.has(s)) return 'pending';
  if (s === 'requires_capture') return 'authorized';
  if (s === 'succeeded') {
    const partialCapture = Number.isSafeInteger(pi.amount_received) && Number.isSafeInteger(pi.amount)
      && pi.amount_received < pi.amount;
    return stripePaidOverlay(charge, partialCapture);
  }
  if (s === 'canceled') {
    const uncapturedAuthorization = charge !== null && charge.captured === false
      && (charge.status === 'succeeded' || charge.status === 'paid');
    return uncapturedAuthorization ? 'voided' : 'cancelled';
  }
  return rawStatus(s);
}

function stripeChargeStatus(ch) {
  const s = ch.status;
  if (s === 'pending') return 'pending';
  if (s === 'succeeded' || s === 'paid') { // `paid`: the word before API version 2015-02-18
    const captured = ch.captured !== false;
    if (!captured) return ch.refunded === true ? 'voided' : 'authorized';
    const partialCapture = Number.isSafeInteger(ch.amount_captured) && Number.isSafeInteger(ch.amount)
      && ch.amount_captured < ch.amount;
    return stripePaidOverlay(ch, partialCapture);
  }
  return rawStatus(s);
}

/** Objects from old API versions carry no `object`: a `ch_` / `py_` id is a Charge. */
function isStripeCharge(raw) {
  if (raw.object === 'charge') return true;
  return raw.object === undefined && typeof raw.id === 'string' && (raw.id.startsWith('ch_') || raw.id.startsWith('py_'));
}

/** An expandable field's id: the string itself, or the expanded object's `id`. */
function expandableId(v) {
  return isObject(v) ? str(v.id) : str(v);
}

/** A legacy source's kind: a Source's `type`, or `card` for a Card object. */
function sourceKind(source) {
  if (!isObject(source)) return null;
  return str(source.type) ?? (source.object === 'card' ? 'card' : null);
}

function stripePayment(raw) {
  const isCharge = isStripeCharge(raw);
  // The "charge" of a PaymentIntent: its expanded latest_charge, else a legacy charges.data[0].
  let charge = null;
  if (isCharge) charge = raw;
  else if (isObject(raw.latest_charge)) {
    const lc = raw.latest_charge;
    // Some old payloads hold a list in latest_charge: read it as the legacy charges list.
    charge = lc.object === 'list' ? (Array.isArray(lc.data) && isObject(lc.data[0]) ? lc.data[0] : null) : lc;
  } else if (isObject(raw.charges) && Array.isArray(raw.charges.data) && isObject(raw.charges.data[0])) {
    charge = raw.charges.data[0];
  }

  const currency = currencyCode(raw.currency);
  const bt = charge !== null && isObject(charge.balance_transaction) ? charge.balance_transaction : null;
  const fee = bt !== null && currencyCode(bt.currency) === currency ? money(bt.fee, currency, stripeExponent) : null;

  // The payment's own customer, else its charge's; an expanded customer is used whole.
  const cust = raw.customer ?? (charge !== null ? charge.customer : null);
  let customer;
  if (isObject(cust)) {
    customer = customerRef(str(cust.id), str(cust.name), str(cust.email), str(cust.phone));
  } else {
    const bd = charge !== null && isObject(charge.billing_details) ? charge.billing_details : {};
    const email = str(bd.email) ?? (charge !== null ? str(charge.receipt_email) : null) ?? str(raw.receipt_email);
    customer = customerRef(str(cust), str(bd.name), email, str(bd.phone));
  }

  // Payment method: the payment's own, else its charge's, else a legacy source.
  const ownPm = isCharge ? null : raw.payment_method;
  const ownSource = isCharge ? null : raw.source;
  const chargePm = charge !== null ? charge.payment_method : null;
  const chargeSource = charge !== null ? charge.source : null;
  const pmId = expandableId(ownPm) ?? expandableId(chargePm) ?? expandableId(ownSource) ?? expandableId(chargeSource);
  const pmType = (isObject(ownPm) ? str(ownPm.type) : null)
    ?? (isObject(chargePm) ? str(chargePm.type) : null)
    ?? (charge !== null && isObject(charge.payment_method_details) ? str(charge.payment_method_details.type) : null)
    ?? sourceKind(ownSource) ?? sourceKind(chargeSource);

  const metadata = isObject(raw.metadata) ? raw.metadata : null;
  const orderId = (charge !== null ? expandableId(charge.order) : null) ?? (metadata !== null ? str(metadata.order_id) : null);

  return {
    id: raw.id,
    amount: money(raw.amount, currency, stripeExponent),
    currency,
    transaction_fee: fee,
    refund_amount: charge !== null ? money(charge.amount_refunded, currency, stripeExponent) : null,
    status: isCharge ? stripeChargeStatus(raw) : stripePaymentIntentStatus(raw, charge),
    customer,
    description: str(raw.description),
    payment_method: paymentMethodRef(pmId, pmType),
    created_at: unixTime(raw.created),
    expires_on: null,
    reference_id: null,
    order_id: orderId,
    metadata,
    remote_data: raw,
  };
}

// ---------------------------------------------------------------------------------------------
// Razorpay payments (docs/mapping.md#status and the provider sections)

function razorpayStatus(p) {
  switch (p.status) {
    case 'created': return 'pending';
    case 'authorized': return 'authorized';
    case 'captured': return p.refund_status === 'partial' ? 'partial' : 'paid';
    case 'refunded': return p.refund_status === 'partial' ? 'partial' : 'refunded';
    default: return rawStatus(p.status);
  }
}

function razorpayPayment(raw) {
  const currency = currencyCode(raw.currency);
  const feeApplies = currency === 'INR' || (currency !== null && currency === currencyCode(raw.base_currency));
  const acquirer = isObject(raw.acquirer_data) ? raw.acquirer_data : {};
  return {
    id: raw.id,
    amount: money(raw.amount, currency, isoExponent),
    currency,
    transaction_fee: feeApplies ? money(raw.fee, currency, isoExponent) : null,
    refund_amount: money(raw.amount_refunded, currency, isoExponent),
    status: razorpayStatus(raw),
    customer: customerRef(str(raw.customer_id), null, str(raw.email), str(raw.contact)),
    description: str(raw.description),
    payment_method: paymentMethodRef(str(raw.card_id) ?? str(raw.token_id), str(raw.method)),
    created_at: unixTime(raw.created_at),
    expires_on: null,
    reference_id: str(acquirer.rrn) ?? str(acquirer.bank_transaction_id),
    order_id: str(raw.order_id),
    metadata: metadataObject(raw.notes),
    remote_data: raw,
  };
}

// ---------------------------------------------------------------------------------------------
// Lists (docs/mapping.md#lists) and entry points

function stripePayments(value) {
  if (Array.isArray(value)) return { result: value.map(stripePayment), next_cursor: null };
  if (value.object === 'list') {
    const data = value.data;
    const last = data.length > 0 ? data[data.length - 1] : null;
    return {
      result: data.map(stripePayment),
      next_cursor: value.has_more === true && last !== null ? last.id : null,
    };
  }
  return stripePayment(value);
}

function razorpayPayments(value) {
  if (Array.isArray(value)) return { result: value.map(razorpayPayment), next_cursor: null };
  // Without a paging option the collection carries no paging state: next_cursor is null.
  if (value.entity === 'collection') return { result: value.items.map(razorpayPayment), next_cursor: null };
  return razorpayPayment(value);
}

const MAPPERS = { stripe: stripePayments, razorpay: razorpayPayments };

/** Object in, object out. `remote_data` is the caller's own raw object (no copy). */
export function mapObject(provider, value) {
  return MAPPERS[provider](value);
}

/** JSON text in, JSON text out. */
export function mapText(provider, text) {
  return JSON.stringify(MAPPERS[provider](JSON.parse(text)));
}

export { minorToMajor, stripeExponent, isoExponent, unixTime };
