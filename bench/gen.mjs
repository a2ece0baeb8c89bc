// Deterministic, seeded generator of realistic Stripe PaymentIntents (with expanded
// latest_charge) and Razorpay payments, and the list envelopes the benchmark uses.
// Statuses, currencies (zero-, two- and three-decimal, plus Stripe's ISK/MGA exceptions),
// metadata (including empty `notes: []`, empty strings and keys named `__proto__` /
// `constructor`), expanded vs unexpanded charges and cross-currency balance transactions vary
// with realistic weights.
//
// The same seed always gives the same bytes: `node gen.mjs` writes bench/inputs/*.json, which
// both the Node benchmark (bench.mjs) and the native criterion benchmark (native/) read, so the
// two measure identical input bytes. Field shapes follow the real payloads in shared/fixtures
// (Stripe API 2023-10-16 style PaymentIntent + Charge + BalanceTransaction; Razorpay payment
// entity). Bodies are written as compact JSON.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_SEED = 20240611;

/** mulberry32: a small, fast, well-distributed 32-bit PRNG; deterministic across platforms. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(seed) {
    this.next = mulberry32(seed);
  }
  int(min, max) {
    // inclusive
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p) {
    return this.next() < p;
  }
  pick(arr) {
    return arr[Math.floor(this.next() * arr.length)];
  }
  /** Picks from [[weight, value], ...]. */
  weighted(table) {
    const total = table.reduce((s, [w]) => s + w, 0);
    let r = this.next() * total;
    for (const [w, v] of table) {
      if ((r -= w) < 0) return v;
    }
    return table[table.length - 1][1];
  }
  id(prefix, len, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789') {
    let s = prefix;
    for (let i = 0; i < len; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }
  digits(len) {
    return this.id('', len, '0123456789');
  }
}

const FIRST = ['Aarav', 'Priya', 'Liam', 'Olivia', 'Noah', 'Emma', 'Yuki', 'Hiro', 'Fatima', 'Omar',
  'Sofia', 'Mateo', 'Chloé', 'Björn', 'Zoë', 'Ananya', 'Rohan', 'Mei', 'Lucas', 'Amara'];
const LAST = ['Sharma', 'Patel', 'Smith', 'Müller', 'García', 'Tanaka', 'Al-Sabah', 'Kim', 'Nguyen',
  'Okafor', 'Rossi', 'Dubois', 'Kowalski', 'Johansson', "O'Brien", 'Silva', 'Iyer', 'Chen'];
const CITIES = [
  ['San Francisco', 'US', 'CA', '94107'], ['London', 'GB', null, 'EC1A 1BB'], ['Berlin', 'DE', null, '10115'],
  ['Tokyo', 'JP', null, '100-0001'], ['Kuwait City', 'KW', null, '13001'], ['Reykjavík', 'IS', null, '101'],
  ['Bengaluru', 'IN', 'KA', '560001'], ['Paris', 'FR', null, '75001'], ['Antananarivo', 'MG', null, '101'],
  ['São Paulo', 'BR', 'SP', '01000-000'],
];
const PRODUCTS = ['Pro plan (monthly)', 'Pro plan (annual)', 'Order #%', 'Invoice INV-%', 'Gift card',
  'Team seats x5', 'Café latte subscription', 'Shipping & handling', 'Top-up 🚀'];

// Stripe: currency -> typical amount range in minor units (Stripe's exponent: JPY/MGA zero-decimal,
// KWD/BHD three-decimal, ISK counted in hundredths).
const STRIPE_CURRENCIES = [
  [40, ['usd', 500, 250000]], [14, ['eur', 500, 200000]], [10, ['gbp', 500, 150000]],
  [6, ['jpy', 300, 80000]], [5, ['inr', 10000, 5000000]], [4, ['cad', 500, 200000]],
  [4, ['aud', 500, 200000]], [3, ['kwd', 1000, 90000]], [2, ['bhd', 1000, 90000]],
  [3, ['isk', 50000, 5000000]], [2, ['mga', 10000, 900000]], [3, ['brl', 1000, 300000]],
  [2, ['krw', 1000, 500000]], [2, ['chf', 500, 200000]],
];
const STRIPE_PM_TYPES = [[80, 'card'], [6, 'sepa_debit'], [4, 'us_bank_account'], [4, 'link'],
  [3, 'ideal'], [3, 'klarna']];
const CARD_BRANDS = ['visa', 'mastercard', 'amex', 'discover', 'jcb'];

function epochIn(rng) {
  // 2023-11-14T22:13:20Z .. +120 days
  return 1700000000 + rng.int(0, 120 * 86400);
}

function stripeMetadata(rng, i) {
  return rng.weighted([
    [30, () => ({})],
    [30, () => ({ order_id: `ord_${100000 + i}` })],
    [20, () => ({ order_id: `ord_${100000 + i}`, cart_id: rng.id('cart_', 10), channel: rng.pick(['web', 'ios', 'android']) })],
    [12, () => ({ customer_tier: rng.pick(['gold', 'silver', 'free']), utm_campaign: rng.pick(['black-friday', 'spring_sale', 'référence']), 'campaign id ': rng.digits(6) })],
    [4, () => ({ shopify_order: rng.digits(10), note: 'Leave at the door, ring twice "please"' })],
    // Keys are data: docs/mapping.md#money requires these to come out as own properties.
    [4, () => ({ ['__proto__']: { polluted: 'yes' }, constructor: 'not-a-function', order_id: '' })],
  ])();
}

function billingDetails(rng, name, email, phone) {
  const [city, country, state, postal] = rng.pick(CITIES);
  return {
    address: {
      city,
      country,
      line1: rng.chance(0.8) ? `${rng.int(1, 999)} ${rng.pick(['Market St', 'High Street', 'Hauptstraße', 'MG Road', 'Rue de Rivoli'])}` : null,
      line2: rng.chance(0.2) ? `Apt ${rng.int(1, 99)}` : null,
      postal_code: postal,
      state,
    },
    email,
    name,
    phone,
  };
}

function paymentMethodDetails(rng, type) {
  if (type === 'card') {
    const brand = rng.pick(CARD_BRANDS);
    return {
      card: {
        amount_authorized: null,
        brand,
        checks: { address_line1_check: rng.pick([null, 'pass']), address_postal_code_check: rng.pick([null, 'pass', 'fail']), cvc_check: 'pass' },
        country: rng.pick(['US', 'GB', 'DE', 'JP', 'IN', 'KW']),
        exp_month: rng.int(1, 12),
        exp_year: rng.int(2025, 2032),
        extended_authorization: { status: 'disabled' },
        fingerprint: rng.id('', 16),
        funding: rng.pick(['credit', 'debit']),
        incremental_authorization: { status: 'unavailable' },
        installments: null,
        last4: rng.digits(4),
        mandate: null,
        multicapture: { status: 'unavailable' },
        network: brand,
        network_token: { used: false },
        overcapture: { maximum_amount_capturable: 0, status: 'unavailable' },
        three_d_secure: rng.chance(0.3) ? { authentication_flow: 'challenge', result: 'authenticated', version: '2.2.0' } : null,
        wallet: rng.chance(0.15) ? { type: rng.pick(['apple_pay', 'google_pay']), dynamic_last4: rng.digits(4) } : null,
      },
      type,
    };
  }
  if (type === 'sepa_debit') {
    return { sepa_debit: { bank_code: '37040044', branch_code: '', country: 'DE', fingerprint: rng.id('', 16), last4: rng.digits(4), mandate: rng.id('mandate_', 24) }, type };
  }
  if (type === 'us_bank_account') {
    return { us_bank_account: { account_holder_type: 'individual', account_type: 'checking', bank_name: 'STRIPE TEST BANK', fingerprint: rng.id('', 16), last4: rng.digits(4), routing_number: '110000000' }, type };
  }
  return { [type]: {}, type };
}

/**
 * One Stripe PaymentIntent, with `latest_charge` expanded (and its `balance_transaction`
 * expanded) as a dashboard-style `expand[]=latest_charge.balance_transaction` fetch returns it.
 */
export function stripePaymentIntent(rng, i) {
  const [currency, lo, hi] = rng.weighted(STRIPE_CURRENCIES);
  const zeroDecimal = ['jpy', 'mga', 'krw'].includes(currency);
  let amount = rng.int(lo, hi);
  if (!zeroDecimal) amount = Math.round(amount / 5) * 5;
  const created = epochIn(rng);
  const piId = rng.id('pi_3', 23);
  const chId = 'ch_3' + piId.slice(4);
  const pmType = rng.weighted(STRIPE_PM_TYPES);
  const hasCustomer = rng.chance(0.7);
  const customer = hasCustomer ? rng.id('cus_', 14) : null;
  const name = `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
  const email = rng.chance(0.85) ? `${name.split(' ')[0].toLowerCase()}.${rng.digits(3)}@example.com` : null;
  const phone = rng.chance(0.4) ? `+1415555${rng.digits(4)}` : null;
  const receiptEmail = email === null && rng.chance(0.5) ? `receipts+${rng.digits(4)}@example.org` : null;
  const captureMethod = rng.chance(0.15) ? 'manual' : 'automatic_async';

  // Scenario: the PaymentIntent status and what its latest charge looks like.
  const scenario = rng.weighted([
    [52, 'succeeded'], [7, 'succeeded_partial_refund'], [5, 'succeeded_full_refund'],
    [3, 'succeeded_partial_capture'], [7, 'requires_payment_method_failed'],
    [3, 'requires_payment_method_new'], [4, 'requires_action'], [2, 'requires_confirmation'],
    [3, 'processing'], [6, 'requires_capture'], [4, 'canceled_authorization'], [4, 'canceled_unconfirmed'],
  ]);

  let status;
  let charge = null; // expanded charge or null
  let amountReceived = 0;
  let amountCapturable = 0;
  let canceledAt = null;
  let cancellationReason = null;
  let lastPaymentError = null;
  let pm = rng.id('pm_1', 23);

  const mkCharge = (over) => {
    const captured = over.captured ?? true;
    const chargeAmount = amount;
    const amountCaptured = over.amount_captured ?? (captured ? chargeAmount : 0);
    const amountRefunded = over.amount_refunded ?? 0;
    const refunded = over.refunded ?? false;
    let balanceTransaction = null;
    if (captured && over.status === 'succeeded') {
      const txnId = rng.id('txn_3', 23);
      if (rng.chance(0.75)) {
        // Expanded. Cross-currency settlement (presented in one currency, settled in the
        // account's default) gives a balance transaction in another currency: fee is then null.
        const crossCurrency = rng.chance(0.2);
        const btCurrency = crossCurrency ? (currency === 'usd' ? 'eur' : 'usd') : currency;
        const fee = zeroDecimal && !crossCurrency ? Math.round(amountCaptured * 0.036) : Math.round(amountCaptured * 0.029) + 30;
        const btAmount = crossCurrency ? Math.round(amountCaptured * 1.07) : amountCaptured;
        balanceTransaction = {
          id: txnId,
          object: 'balance_transaction',
          amount: btAmount,
          available_on: created + 2 * 86400,
          created: created + 1,
          currency: btCurrency,
          description: null,
          exchange_rate: crossCurrency ? 1.07 : null,
          fee,
          fee_details: [
            { amount: fee, application: null, currency: btCurrency, description: 'Stripe processing fees', type: 'stripe_fee' },
          ],
          net: btAmount - fee,
          reporting_category: 'charge',
          source: chId,
          status: rng.pick(['available', 'pending']),
          type: 'charge',
        };
      } else {
        balanceTransaction = txnId;
      }
    }
    const failed = over.status === 'failed';
    return {
      id: chId,
      object: 'charge',
      amount: chargeAmount,
      amount_captured: amountCaptured,
      amount_refunded: amountRefunded,
      application: null,
      application_fee: null,
      application_fee_amount: null,
      balance_transaction: balanceTransaction,
      billing_details: billingDetails(rng, name, email, phone),
      calculated_statement_descriptor: 'PAYNORM BENCH',
      captured,
      created: created + 1,
      currency,
      customer,
      description: null,
      destination: null,
      dispute: null,
      disputed: false,
      failure_balance_transaction: null,
      failure_code: failed ? 'card_declined' : null,
      failure_message: failed ? 'Your card was declined.' : null,
      fraud_details: {},
      invoice: null,
      livemode: false,
      metadata: {},
      on_behalf_of: null,
      order: null,
      outcome: failed
        ? { network_status: 'declined_by_network', reason: 'generic_decline', risk_level: 'normal', risk_score: rng.int(0, 99), seller_message: 'The bank did not return any further details with this decline.', type: 'issuer_declined' }
        : { network_status: 'approved_by_network', reason: null, risk_level: 'normal', risk_score: rng.int(0, 99), seller_message: 'Payment complete.', type: 'authorized' },
      paid: !failed,
      payment_intent: piId,
      payment_method: pm,
      payment_method_details: paymentMethodDetails(rng, pmType),
      radar_options: {},
      receipt_email: receiptEmail,
      receipt_number: null,
      receipt_url: `https://pay.stripe.com/receipts/payment/${rng.id('CAcaFwoVYWNjdF8x', 48)}`,
      refunded,
      review: null,
      shipping: null,
      source: null,
      source_transfer: null,
      statement_descriptor: null,
      statement_descriptor_suffix: null,
      status: over.status,
      transfer_data: null,
      transfer_group: null,
    };
  };

  switch (scenario) {
    case 'succeeded':
      status = 'succeeded';
      amountReceived = amount;
      charge = mkCharge({ status: 'succeeded' });
      break;
    case 'succeeded_partial_refund': {
      status = 'succeeded';
      amountReceived = amount;
      const r = Math.max(1, Math.floor(amount * rng.int(5, 60) / 100));
      charge = mkCharge({ status: 'succeeded', amount_refunded: r });
      break;
    }
    case 'succeeded_full_refund':
      status = 'succeeded';
      amountReceived = amount;
      charge = mkCharge({ status: 'succeeded', amount_refunded: amount, refunded: true });
      break;
    case 'succeeded_partial_capture': {
      status = 'succeeded';
      const cap = Math.max(1, Math.floor(amount * rng.int(30, 90) / 100));
      amountReceived = cap;
      charge = mkCharge({ status: 'succeeded', amount_captured: cap, amount_refunded: amount - cap });
      break;
    }
    case 'requires_payment_method_failed':
      status = 'requires_payment_method';
      charge = mkCharge({ status: 'failed', captured: false });
      lastPaymentError = { charge: chId, code: 'card_declined', decline_code: 'generic_decline', doc_url: 'https://stripe.com/docs/error-codes/card-declined', message: 'Your card was declined.', type: 'card_error' };
      pm = null;
      break;
    case 'requires_payment_method_new':
      status = 'requires_payment_method';
      pm = null;
      break;
    case 'requires_action':
      status = 'requires_action';
      break;
    case 'requires_confirmation':
      status = 'requires_confirmation';
      break;
    case 'processing':
      status = 'processing';
      break;
    case 'requires_capture':
      status = 'requires_capture';
      amountCapturable = amount;
      charge = mkCharge({ status: 'succeeded', captured: false });
      break;
    case 'canceled_authorization':
      status = 'canceled';
      canceledAt = created + rng.int(3600, 6 * 86400);
      cancellationReason = rng.pick(['requested_by_customer', 'abandoned', 'fraudulent']);
      // Releasing an uncaptured authorization refunds the uncaptured charge in full.
      charge = mkCharge({ status: 'succeeded', captured: false, amount_refunded: amount, refunded: true });
      break;
    case 'canceled_unconfirmed':
      status = 'canceled';
      canceledAt = created + rng.int(3600, 6 * 86400);
      cancellationReason = rng.pick(['abandoned', 'duplicate', null]);
      pm = rng.chance(0.5) ? pm : null;
      break;
    default:
      throw new Error(scenario);
  }

  const latestCharge = charge === null ? null : rng.chance(0.9) ? charge : charge.id; // 10% unexpanded
  const description = rng.weighted([[55, PRODUCTS[i % PRODUCTS.length].replace('%', String(1000 + i))], [25, null], [20, '']]);

  return {
    id: piId,
    object: 'payment_intent',
    amount,
    amount_capturable: amountCapturable,
    amount_details: { tip: {} },
    amount_received: amountReceived,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: pmType === 'card' ? { allow_redirects: 'always', enabled: true } : null,
    canceled_at: canceledAt,
    cancellation_reason: cancellationReason,
    capture_method: status === 'requires_capture' || scenario === 'canceled_authorization' || scenario === 'succeeded_partial_capture' ? 'manual' : captureMethod,
    client_secret: `${piId}_secret_${rng.id('', 25)}`,
    confirmation_method: 'automatic',
    created,
    currency,
    customer,
    description,
    invoice: null,
    last_payment_error: lastPaymentError,
    latest_charge: latestCharge,
    livemode: false,
    metadata: stripeMetadata(rng, i),
    next_action: status === 'requires_action' ? { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect', stripe_js: 'https://hooks.stripe.com/redirect/authenticate/src_x', source: rng.id('src_1', 23) } } : null,
    on_behalf_of: null,
    payment_method: pm,
    payment_method_configuration_details: null,
    payment_method_options: pmType === 'card' ? { card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' } } : { [pmType]: {} },
    payment_method_types: [pmType],
    processing: null,
    receipt_email: receiptEmail,
    review: null,
    setup_future_usage: rng.chance(0.2) ? 'off_session' : null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status,
    transfer_data: null,
    transfer_group: null,
  };
}

// Razorpay: ISO 4217 exponents (INR 2, JPY 0, KWD/BHD/OMR 3).
const RAZORPAY_CURRENCIES = [
  [80, ['INR', 100, 5000000]], [6, ['USD', 100, 200000]], [3, ['EUR', 100, 200000]],
  [3, ['GBP', 100, 150000]], [2, ['SGD', 100, 150000]], [2, ['AED', 100, 500000]],
  [2, ['JPY', 100, 50000]], [1, ['KWD', 1000, 90000]], [1, ['OMR', 1000, 90000]],
];
const BANKS = ['HDFC', 'ICIC', 'SBIN', 'UTIB', 'KKBK', 'YESB'];
const WALLETS = ['paytm', 'phonepe', 'amazonpay', 'freecharge', 'mobikwik'];

function razorpayNotes(rng, i) {
  return rng.weighted([
    [30, () => []],
    [30, () => ({ order_ref: `ORD-${200000 + i}` })],
    [20, () => ({ address: `${rng.int(1, 99)}, MG Road, Bengaluru`, merchant_order_id: rng.digits(8) })],
    [15, () => ({ 'customer name': `${rng.pick(FIRST)} ${rng.pick(LAST)}`, plan: rng.pick(['basic', 'premium']), 'référence ': rng.digits(5) })],
    [5, () => ({ ['__proto__']: { polluted: 'yes' }, constructor: 'y' })],
  ])();
}

/** One Razorpay payment entity as `GET /v1/payments/:id` returns it. */
export function razorpayPayment(rng, i) {
  const [currency, lo, hi] = rng.weighted(RAZORPAY_CURRENCIES);
  const amount = currency === 'JPY' ? rng.int(lo, hi) : Math.round(rng.int(lo, hi) / 100) * 100;
  const international = currency !== 'INR';
  const method = international
    ? rng.weighted([[85, 'card'], [15, 'wallet']])
    : rng.weighted([[40, 'upi'], [30, 'card'], [12, 'netbanking'], [8, 'wallet'], [6, 'emi'], [4, 'paylater']]);
  const status = rng.weighted([[62, 'captured'], [8, 'authorized'], [4, 'created'], [15, 'failed'], [11, 'refunded']]);
  const created = epochIn(rng);
  const captured = status === 'captured' || status === 'refunded';
  let amountRefunded = 0;
  let refundStatus = null;
  if (status === 'refunded') {
    if (rng.chance(0.7)) {
      amountRefunded = amount;
      refundStatus = 'full';
    } else {
      amountRefunded = Math.max(100, Math.floor(amount * rng.int(10, 80) / 10000) * 100);
      refundStatus = 'partial';
    }
  } else if (status === 'captured' && rng.chance(0.06)) {
    // Razorpay keeps `captured` while a partial refund is in flight.
    amountRefunded = Math.floor(amount / 400) * 100;
    refundStatus = 'partial';
  }
  const name = `${rng.pick(FIRST)}.${rng.pick(LAST)}`.toLowerCase().replace(/[^a-z.]/g, '');
  const email = rng.chance(0.9) ? `${name}@example.com` : '';
  const contact = rng.chance(0.92) ? `+91${rng.int(6, 9)}${rng.digits(9)}` : '';
  const card = method === 'card' || method === 'emi';
  const cardId = card ? rng.id('card_', 14) : null;
  const tokenId = !card && rng.chance(0.15) ? rng.id('token_', 14) : null;
  const baseCurrency = international ? (rng.chance(0.9) ? 'INR' : currency) : 'INR';
  let fee = null;
  let tax = null;
  if (captured) {
    const baseAmount = international ? amount * 83 : amount;
    tax = Math.round(baseAmount * 0.0036);
    fee = Math.round(baseAmount * 0.02) + tax;
    if (baseCurrency === currency && international) {
      tax = Math.round(amount * 0.0036);
      fee = Math.round(amount * 0.02) + tax;
    }
  }
  const failed = status === 'failed';
  let acquirerData = {};
  if (method === 'upi') acquirerData = { rrn: rng.digits(12), upi_transaction_id: rng.id('', 32, '0123456789ABCDEF') };
  else if (method === 'netbanking') acquirerData = { bank_transaction_id: rng.digits(7) };
  else if (card) acquirerData = status === 'created' || failed ? {} : { auth_code: rng.digits(6), ...(rng.chance(0.5) ? { rrn: rng.digits(12) } : {}) };
  else if (method === 'wallet') acquirerData = { transaction_id: null };

  return {
    id: rng.id('pay_', 14),
    entity: 'payment',
    amount,
    currency,
    base_currency: baseCurrency,
    base_amount: international ? amount * 83 : amount,
    status,
    order_id: rng.chance(0.85) ? rng.id('order_', 14) : null,
    invoice_id: rng.chance(0.05) ? rng.id('inv_', 14) : null,
    international,
    method,
    amount_refunded: amountRefunded,
    refund_status: refundStatus,
    captured,
    description: rng.weighted([[50, `Payment for order #${300000 + i}`], [30, null], [20, '']]),
    card_id: cardId,
    bank: method === 'netbanking' ? rng.pick(BANKS) : null,
    wallet: method === 'wallet' ? rng.pick(WALLETS) : null,
    vpa: method === 'upi' ? `${name}@ok${rng.pick(['hdfc', 'icici', 'axis', 'sbi'])}` : null,
    email,
    contact,
    customer_id: rng.chance(0.5) ? rng.id('cust_', 14) : undefined,
    token_id: tokenId ?? undefined,
    notes: razorpayNotes(rng, i),
    fee,
    tax,
    error_code: failed ? 'BAD_REQUEST_ERROR' : null,
    error_description: failed ? rng.pick(['Payment failed because card declined', 'Your payment didn\'t go through as it was declined by the bank. Try another payment method or contact your bank.']) : null,
    error_source: failed ? rng.pick(['bank', 'customer', 'gateway']) : null,
    error_step: failed ? 'payment_authorization' : null,
    error_reason: failed ? rng.pick(['payment_failed', 'payment_cancelled', 'incorrect_otp']) : null,
    acquirer_data: acquirerData,
    emi_plan: method === 'emi' ? { issuer: rng.pick(BANKS), type: 'credit', rate: 1500, duration: rng.pick([3, 6, 9, 12]) } : undefined,
    created_at: created,
  };
}

/** Drops `undefined` values (absent optional fields), like a real response. */
const compact = (o) => JSON.parse(JSON.stringify(o));

export function generate(seed = DEFAULT_SEED) {
  // The single payloads are the headline cases: the first generated PaymentIntent that
  // succeeded with its charge and balance transaction expanded (so every field, fee included,
  // is computed), and the first captured Razorpay payment.
  const single = new Rng(seed);
  const firstWhere = (make, pred) => {
    for (let i = 0; ; i++) {
      const v = compact(make(single, i));
      if (pred(v)) return v;
    }
  };
  const stripeSingle = firstWhere(stripePaymentIntent, (p) => p.status === 'succeeded'
    && typeof p.latest_charge === 'object' && p.latest_charge !== null
    && typeof p.latest_charge.balance_transaction === 'object' && p.latest_charge.balance_transaction !== null
    && p.latest_charge.balance_transaction.currency === p.currency
    && p.customer !== null && Object.keys(p.metadata).length > 0);
  const razorpaySingle = firstWhere(razorpayPayment, (p) => p.status === 'captured' && p.method === 'upi');

  const r100 = new Rng(seed + 1);
  const stripe100 = Array.from({ length: 100 }, (_, i) => compact(stripePaymentIntent(r100, i)));
  const rzp100 = new Rng(seed + 2);
  const razorpay100 = Array.from({ length: 100 }, (_, i) => compact(razorpayPayment(rzp100, i)));
  const r1000 = new Rng(seed + 3);
  const stripe1000 = Array.from({ length: 1000 }, (_, i) => compact(stripePaymentIntent(r1000, i)));

  const stripeList = (data) => ({ object: 'list', data, has_more: true, url: '/v1/payment_intents' });
  // Compact JSON text for every input (Stripe's API pretty-prints; whitespace is not data, and
  // compact text keeps MB/s comparable across providers).
  const tight = (v) => JSON.stringify(v);
  const pretty = tight;
  return [
    { name: 'stripe_payment_intent', provider: 'stripe', resource: 'payments', kind: 'single', text: pretty(stripeSingle) },
    { name: 'razorpay_payment', provider: 'razorpay', resource: 'payments', kind: 'single', text: tight(razorpaySingle) },
    { name: 'stripe_list_100', provider: 'stripe', resource: 'payments', kind: 'list', text: pretty(stripeList(stripe100)) },
    { name: 'razorpay_collection_100', provider: 'razorpay', resource: 'payments', kind: 'list', text: tight({ entity: 'collection', count: 100, items: razorpay100 }) },
    { name: 'stripe_list_1000', provider: 'stripe', resource: 'payments', kind: 'list', text: pretty(stripeList(stripe1000)) },
  ];
}

export const INPUT_DIR = join(dirname(fileURLToPath(import.meta.url)), 'inputs');

/** Writes inputs/<name>.json and inputs/manifest.json; returns the inputs. */
export function writeInputs(seed = DEFAULT_SEED) {
  const inputs = generate(seed);
  mkdirSync(INPUT_DIR, { recursive: true });
  for (const input of inputs) writeFileSync(join(INPUT_DIR, `${input.name}.json`), input.text);
  const manifest = {
    seed,
    inputs: inputs.map(({ name, provider, resource, kind, text }) => ({
      name, provider, resource, kind, file: `${name}.json`, bytes: Buffer.byteLength(text),
    })),
  };
  writeFileSync(join(INPUT_DIR, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return inputs;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const seed = Number(process.env.BENCH_SEED ?? DEFAULT_SEED);
  for (const { name, text } of writeInputs(seed)) {
    console.log(`${name.padEnd(26)} ${String(Buffer.byteLength(text)).padStart(9)} bytes`);
  }
  console.log(`wrote ${INPUT_DIR} (seed ${seed})`);
}
