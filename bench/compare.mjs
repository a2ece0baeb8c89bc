// Deep equality of two JSON values with the first differing path, plus the docs/mapping.md#shapes field
// order check. Object keys compare as own enumerable properties, so a metadata key named
// "__proto__" or "constructor" counts like any other key.

const hasOwn = Object.prototype.hasOwnProperty;

function kind(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function show(v) {
  if (v === undefined) return 'undefined (absent)';
  const s = JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

function key(path, k) {
  return /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`;
}

/**
 * Returns null when `actual` deep-equals `expected`, else `{path, expected, actual}` for the
 * first difference (depth first, in `expected`'s key order, then keys only `actual` has).
 */
export function firstDifference(expected, actual, path = '$') {
  const ke = kind(expected);
  const ka = kind(actual);
  if (ke !== ka) return { path, expected: show(expected), actual: show(actual) };
  if (ke === 'array') {
    const n = Math.min(expected.length, actual.length);
    for (let i = 0; i < n; i++) {
      const d = firstDifference(expected[i], actual[i], `${path}[${i}]`);
      if (d) return d;
    }
    if (expected.length !== actual.length) {
      return { path: `${path}.length`, expected: String(expected.length), actual: String(actual.length) };
    }
    return null;
  }
  if (ke === 'object') {
    for (const k of Object.keys(expected)) {
      if (!hasOwn.call(actual, k)) return { path: key(path, k), expected: show(expected[k]), actual: 'absent' };
      const d = firstDifference(expected[k], actual[k], key(path, k));
      if (d) return d;
    }
    for (const k of Object.keys(actual)) {
      if (!hasOwn.call(expected, k)) return { path: key(path, k), expected: 'absent', actual: show(actual[k]) };
    }
    if (Object.getPrototypeOf(actual) !== Object.prototype && Object.getPrototypeOf(actual) !== null) {
      return { path: `${path} (prototype)`, expected: 'Object.prototype', actual: 'a changed prototype' };
    }
    return null;
  }
  if (Object.is(expected, actual) || expected === actual) return null;
  return { path, expected: show(expected), actual: show(actual) };
}

/** docs/mapping.md#shapes: payment fields in this order, then remote_data. */
export const PAYMENT_FIELDS = ['id', 'amount', 'currency', 'transaction_fee', 'refund_amount', 'status',
  'customer', 'description', 'payment_method', 'created_at', 'expires_on', 'reference_id', 'order_id',
  'metadata', 'remote_data'];

/** Checks the unified field order of a payment or a list of payments; null when it is right. */
export function fieldOrderProblem(value) {
  const check = (p, path) => {
    const keys = Object.keys(p);
    if (keys.join() !== PAYMENT_FIELDS.join()) {
      return { path, expected: PAYMENT_FIELDS.join(','), actual: keys.join(',') };
    }
    return null;
  };
  if (Array.isArray(value?.result)) {
    const keys = Object.keys(value).join();
    if (keys !== 'result,next_cursor') return { path: '$', expected: 'result,next_cursor', actual: keys };
    for (let i = 0; i < value.result.length; i++) {
      const d = check(value.result[i], `$.result[${i}]`);
      if (d) return d;
    }
    return null;
  }
  return check(value, '$');
}
